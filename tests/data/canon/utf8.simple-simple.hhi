From: =?utf-8?q?Alice?= Älice <alice@canon.example>
To: bob@example.org
Subject: Grüße  — naïve 日本語
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <utf8-1@canon.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id : mime-version : content-type :
 content-transfer-encoding;
 bh=X/bcKsSiKhNc2ZtBV0ss51gwA/pCR7Knwoh+wjwwZCU=;
 b=