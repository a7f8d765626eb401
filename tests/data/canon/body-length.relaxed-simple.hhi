from:Alice <alice@canon.example>
to:list@example.org
subject:signed with l=, then a footer was appended
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<body-length-1@canon.example>
dkim-signature:v=1; a=rsa-sha256; c=relaxed/simple; d=canon.example; i=@canon.example; l=43; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id; bh=Gk6pSwfW3ZaWgL3rBrgZ/CZPdqZ/oH9lpfoUFRxJos8=; b=