from:"Alice Example" <alice@canon.example>
to:bob@example.org
subject:runs of spaces and tabs
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<whitespace-1@canon.example>
x-empty:
x-blank:
dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=canon.example; i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id : x-empty : x-blank; bh=2tCOawjn5Hd+Gr2KBJxQ+4UqfsNhAnimkqvnKTwS8Ic=; b=