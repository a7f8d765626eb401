from:Alice <alice@canon.example>
to:bob@example.org, carol@example.org, dave@example.org
subject:a folded subject line continues here
date:Mon, 01 Jan 2024 12:00:00 +0000
message-id:<folded-1@canon.example>
x-folded-empty:value after an empty continuation line
dkim-signature:v=1; a=rsa-sha256; c=relaxed/simple; d=canon.example; i=@canon.example; q=dns/txt; s=canon; t=1704110400; h=from : to : subject : date : message-id : x-folded-empty; bh=f85HAnoo0RIhFk7VP7Z6Bf0WjE/X9LgM7AvwsCqN/z0=; b=