From: Alice <alice@canon.example>
To: bob@example.org
Subject: many trailing blank lines
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <trailing-blank-lines-1@canon.example>
DKIM-Signature: v=1; a=rsa-sha256; c=simple/relaxed; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id;
 bh=OhXqxlu3RudxRRbC/b53ozY/TV/OCPet/vkEyo/P4iA=;
 b=