From: Alice <alice@canon.example>
To: bob@example.org
Subject: body of only CRLFs
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <crlf-only-body-1@canon.example>
DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id;
 bh=frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=;
 b=