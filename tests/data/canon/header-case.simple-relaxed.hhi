from: Alice <alice@canon.example>
TO: bob@example.org
SUBJECT: upper-case header name
DaTe: Mon, 01 Jan 2024 12:00:00 +0000
Message-Id: <header-case-1@canon.example>
x-DUP: second instance
X-Dup: first instance
DKIM-Signature: v=1; a=rsa-sha256; c=simple/relaxed; d=canon.example;
 i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to :
 subject : date : message-id : x-dup : x-dup : x-dup : reply-to;
 bh=oxsdIKPfX+FaqYaTARukpvlXqJfNDqJp7Nldp3LAM6M=;
 b=