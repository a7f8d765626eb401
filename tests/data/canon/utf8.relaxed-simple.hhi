from:=?utf-8?q?Alice?= Älice <alice@canon.example>
to:bob@example.org
subject:Grüße — naïve 日本語
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<utf8-1@canon.example>
mime-version:1.0
content-type:text/plain; charset=utf-8
content-transfer-encoding:8bit
dkim-signature:v=1; a=rsa-sha256; c=relaxed/simple; d=canon.example; i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id : mime-version : content-type : content-transfer-encoding; bh=X/bcKsSiKhNc2ZtBV0ss51gwA/pCR7Knwoh+wjwwZCU=; b=