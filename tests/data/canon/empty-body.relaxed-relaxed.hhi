from:Alice <alice@canon.example>
to:bob@example.org
subject:empty body
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<empty-body-1@canon.example>
dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=canon.example; i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=