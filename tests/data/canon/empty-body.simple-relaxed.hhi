From: Alice <alice@canon.example>
To: bob@example.org
Subject: empty body
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <empty-body-1@canon.example>
DKIM-Signature: v=1; a=rsa-sha256; c=simple/relaxed; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id;
 bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
 b=