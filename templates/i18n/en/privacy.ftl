# Privacy page: what is stored, for how long, and who sees it.
privacy-title = Privacy
footer-privacy = Privacy
footer-transparency = Transparency
privacy-intro = What this site keeps about you, for how long, and who can see it. The periods on this page are the ones this site is configured with now, and they are enforced automatically.
privacy-how-long = How long
privacy-who-sees = Who sees it
privacy-account-title = Your account
privacy-account-what = Your username, your email address, a hash of your password (never the password), your language, your role on the site and your notification preferences.
privacy-account-kept = As long as the account exists. If you delete it, the name becomes “deleted-” and a number, and the address, the password hash and the label are erased at once.
privacy-account-who = The name is public. Only you see the email address; administrators see it only when a message to it could not be delivered.
privacy-posts-title = Your posts
privacy-posts-what = What you publish, its earlier versions if you edit it, and the posts you support.
privacy-posts-kept = Until you delete them. If you delete your account, your published posts stay signed by a deleted account and their earlier versions are erased; delete first any you do not want to leave behind.
privacy-posts-who = What is published is public. A post held for review is seen only by you and the moderators.
privacy-reports-title = Your reports
privacy-reports-what = When you report a post: which one, the reason, your note, and who reported it.
privacy-reports-kept = { $days ->
    [one] After 1 day the report no longer says who made it; the reason and note stay for the moderators.
   *[other] After { $days } days the report no longer says who made it; the reason and note stay for the moderators.
  }
privacy-reports-who = Only the moderators. Whoever wrote the post never learns who reported it. Report counts by reason are public, without names.
privacy-sessions-title = Sessions
privacy-sessions-what = When you sign in, your browser gets a random key; we keep only its hash, when the session started and when it was last used.
privacy-sessions-kept = { $days ->
    [one] Until you sign out, or after 1 day unused.
   *[other] Until you sign out, or after { $days } days unused.
  }
privacy-sessions-who = Only you, in your settings, where you can end your other sessions.
privacy-mail-title = Mail we send you
privacy-mail-what = Each message (verification, password reset, digests, notices) waits in a queue with your address and its content until it goes out.
privacy-mail-kept = { $days ->
    [one] After 1 day a sent or failed message keeps neither the address nor the content; only that it existed, its kind and its date remain.
   *[other] After { $days } days a sent or failed message keeps neither the address nor the content; only that it existed, its kind and its date remain.
  }
privacy-links-kept = The single-use links we send you expire after { $hours } hours at most and are forgotten as soon as they are used or expire.
privacy-mail-who = Nobody reads them. Administrators see the address of a message that could not be delivered, so they can fix it.
privacy-replies-title = Replies by email
privacy-replies-what = If this site lets you answer notices by replying to the email and you do, we read that email, post only your new text (without the quote, the signature or attachments) and note its identifier (Message-ID) and what was done with it, so it is never posted twice. The email itself is not kept.
privacy-replies-kept = The identifier is kept for good, because it stops a repeated email from being posted again; if you delete your account, it is no longer linked to you.
privacy-replies-who = Nobody: only the site itself uses it.
privacy-ip-title = IP addresses
privacy-ip-what = Your IP address is noted only to enforce limits against abuse: for example { $failures } failed sign-ins in { $minutes } minutes, or { $registrations } new accounts per hour from one address. It is not stored with your posts nor in the server's logs.
privacy-ip-kept = { $hours ->
    [one] 1 hour.
   *[other] { $hours } hours.
  }
privacy-ip-who = Nobody: only the site itself counts them.
privacy-labels-title = Labels and affiliation
privacy-labels-what = If you declare a stakeholder group and an organisation, and the work address you verified it with.
privacy-labels-kept = Until you change or remove the label, or delete your account; the work address goes with it.
privacy-labels-who = The group, the organisation and whether it is verified are public next to your name. Only you and the moderators who review the affiliation see the work address.
privacy-subscriptions-title = Email subscriptions
privacy-subscriptions-what = The boards you subscribe to, how often, and the address if you subscribe without an account.
privacy-subscriptions-kept = { $days ->
    [one] Until you unsubscribe. A subscription never confirmed is forgotten after 1 day; the confirmation link works for { $confirm } days at most.
   *[other] Until you unsubscribe. A subscription never confirmed is forgotten after { $days } days; the confirmation link works for { $confirm } days at most.
  }
privacy-subscriptions-who = Nobody but you.
privacy-activity-title = Your activity on the site
privacy-activity-what = The threads you watch, how far you read each thread, your notifications and the members you ignore.
privacy-activity-kept = As long as the account exists; deleting it erases them.
privacy-activity-who = Only you. Moderation decisions about posts and accounts are published in the moderation log.
privacy-rights-title = Taking or deleting your data
privacy-export = You can download everything we keep about you at any time:
privacy-export-link = export my data
privacy-delete = You can delete your account from your settings; your address then disappears everywhere, from subscriptions and pending mail too:
privacy-delete-link = account settings
privacy-no-trackers = No ads, no trackers, no third-party cookies.
