from:Alice <alice@canon.example>
to:bob@example.org
subject:space before the colon
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<space-colon-1@canon.example>
dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=canon.example; i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id; bh=lUXt/ttIi7LoaOl4iVZ9FdpmQnR/hmx2IfxnYgw3hgQ=; b=