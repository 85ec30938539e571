# Reply by email: the hint in notification and watch emails, and the email that explains a
# reply that was not posted.
reply-by-email-hint = You can reply to this email: your reply will be posted in “{ $title }”, answering the newest post in this notice. Write above the quoted text; attachments are not posted.
reply-refused-subject = Your reply by email to “{ $title }” was not posted
reply-refused-intro = We received a reply by email to “{ $title }” in your name, but it was not posted.
reply-refused-reason = Why:
reply-refused-text = This is what you wrote, in case you want to post it from the website:
reply-refused-action = Open the thread
reply-refused-why = You get this notice because someone replied to a Tertulia email with your reply address. We send at most one such notice a day.
reply-refused-wrong-sender = The email did not come from your account’s address. We only post replies sent from that address; if you write from another one, change it in your settings.
reply-refused-empty = We found no new text: only the quoted original message or a signature.
reply-refused-too-large = The email is larger than the 10 MB limit. Attachments are not posted: reply with text only.
reply-refused-suspended = Your account is suspended: you cannot post while the suspension lasts.
reply-refused-banned = Your account was banned from the forum.
reply-refused-unverified = Your email address is not confirmed yet. Confirm it with the link we sent you.
reply-refused-rate = You posted too many messages in a short time. Wait a few minutes and try again.
reply-refused-gone = The thread or the post you are replying to is no longer published.
reply-refused-other = It could not be posted as a reply.
