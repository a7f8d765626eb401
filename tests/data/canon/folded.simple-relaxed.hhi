From: Alice <alice@canon.example>
To: bob@example.org,
	carol@example.org,
    dave@example.org
Subject: a folded  
	subject line 	
 	 continues here
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID:
 <folded-1@canon.example>
X-Folded-Empty:
	
 value after an empty continuation line
DKIM-Signature: v=1; a=rsa-sha256; c=simple/relaxed; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id : x-folded-empty;
 bh=f85HAnoo0RIhFk7VP7Z6Bf0WjE/X9LgM7AvwsCqN/z0=;
 b=