from:Alice <alice@canon.example>
to:bob@example.org
subject:upper-case header name
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<header-case-1@canon.example>
x-dup:second instance
x-dup:first instance
dkim-signature:v=1; a=rsa-sha256; c=relaxed/simple; d=canon.example; i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id : x-dup : x-dup : x-dup : reply-to; bh=oxsdIKPfX+FaqYaTARukpvlXqJfNDqJp7Nldp3LAM6M=; b=