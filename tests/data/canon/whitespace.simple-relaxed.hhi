From: "Alice  Example"   <alice@canon.example>
To:	bob@example.org	 
Subject:   runs   of		spaces  and	tabs   
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <whitespace-1@canon.example>
X-Empty:
X-Blank: 	 
DKIM-Signature: v=1; a=rsa-sha256; c=simple/relaxed; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id : x-empty : x-blank;
 bh=2tCOawjn5Hd+Gr2KBJxQ+4UqfsNhAnimkqvnKTwS8Ic=;
 b=