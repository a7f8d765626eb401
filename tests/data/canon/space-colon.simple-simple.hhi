From: Alice <alice@canon.example>
To : bob@example.org
Subject	:  space  before the colon 
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <space-colon-1@canon.example>
DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id;
 bh=lUXt/ttIi7LoaOl4iVZ9FdpmQnR/hmx2IfxnYgw3hgQ=;
 b=