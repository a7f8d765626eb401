from:Alice <alice@canon.example>
to:list@example.org
subject:signed with l=, then a footer was appended
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<body-length-1@canon.example>
dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=canon.example; i=@canon.example; l=42; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id; bh=0HYG1tm7Wd21CWBc9DMze3VpqxAQG/9ZRWUSrR3VSEY=; b=