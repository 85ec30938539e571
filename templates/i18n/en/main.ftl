site-name = Tertulia
language-name = English
skip-to-content = Skip to content
nav-account = Account
nav-language = Language
nav-login = Log in
nav-register = Sign up
nav-boards = Boards
breadcrumb = Breadcrumb
footer-about = Tertulia: open conversations of the Internet Governance community. No ads, no trackers.

home-title = Boards
home-heading = Discussion boards
home-intro = Each board gathers one of the year's topics: ask, answer and follow the conversation.
home-activity = Recent activity
home-activity-by = { $name },
board-counts = { $threads ->
    [one] 1 thread
   *[other] { $threads } threads
  } · { $posts ->
    [one] 1 post
   *[other] { $posts } posts
  }
board-last-activity = Latest activity:
board-no-activity = No activity yet
board-threads = Threads
board-col-topic = Topic
board-col-replies = Replies
board-col-last = Latest activity
board-no-threads = No threads yet in this board.
board-archived = This board is archived: you can read it, but it takes no new posts.

error-back-home = Back to the home page
error-not-found-title = Page not found
error-not-found-body = There is nothing at this address. The link may be mistyped, or the content may no longer exist.
error-unauthenticated-title = Please log in
error-unauthenticated-body = You need to log in to do this.
error-forbidden-title = Access denied
error-forbidden-body = You are not allowed to do this.
error-validation-title = Please check the form
error-validation-body = Some of the data is not valid.
error-conflict-title = Conflict
error-conflict-body = Someone else changed this at the same time. Reload the page and try again.
error-rate-limited-title = Too many attempts
error-rate-limited-body = You have done this too many times in a short while. Wait a moment and try again.
error-unexpected-title = Something went wrong
error-unexpected-body = We had a problem answering. Please try again in a few minutes.
error-unavailable-title = Back in a moment
error-unavailable-body = We cannot reach the forum's data just now. Nothing already posted is lost; please try again in a few seconds.
error-method-title = Action not allowed
error-method-body = This address does not accept that action.
error-bad-request-title = Bad request
error-bad-request-body = We could not understand the request. Go back to the previous page and try again.
error-go-back = Back to the previous page
error-gone-title = Link expired
error-gone-body = This link was already used or has expired.
error-csrf-title = Form expired
error-csrf-body = We could not confirm that you sent this form from Tertulia (perhaps the page was open for a long time). Go back, reload the page and send it again.

nav-menu = Menu of
nav-profile = My profile
nav-settings = Settings
nav-logout = Log out
banner-unverified = Confirm your email address to be able to post. We sent you a link.
banner-resend = Send the link again

flash-verified = Done! Your email address is confirmed.
flash-verified-signed-in = Done! Your address is confirmed and you are signed in.
flash-logged-in = You are logged in.
flash-logged-out = You are logged out.
flash-verification-sent = We sent you a new confirmation link.
flash-password-reset = Your password changed and all your sessions ended. Log in with the new one.
flash-posted = Message sent.
flash-held = Your post was received and is waiting for review by the moderators: nobody else will see it until it is approved. We will let you know when it is published.
draft-restored = We restored the draft that had not been sent.
flash-settings-saved = Settings saved.
flash-email-change-sent = We sent a link to the new address; the change happens when you open it.
flash-email-changed = Your new email address is confirmed.
flash-password-changed = Password changed. Your other sessions were ended.
flash-account-deleted = Your account was deleted. Your posts remain as "deleted member".

field-username = Username
field-username-hint = 3 to 30 letters, digits, "_" or "-". It will be public.
field-email = Email
field-password = Password
field-password-hint = At least 10 characters. A phrase of several words is easy to remember and hard to guess.
field-login = Username or email
field-new-password = New password
field-current-password = Current password
field-new-email = New email
field-new-email-hint = We will send you a link to confirm it.
field-delete-hint = Type your password to confirm.
field-locale = Language
locale-es = Español
locale-en = English
locale-unknown = Choose a language from the list.

username-too-short = The username must have at least 3 characters.
username-too-long = The username can have at most 30 characters.
username-bad-characters = Use only letters, digits, "_" or "-", without spaces.
username-taken = That username is taken. Try another one.
email-invalid = Type a valid email address, such as name@example.org.
email-too-long = The email address is too long.
password-too-short = The password must have at least 10 characters.
password-too-long = The password is too long (at most 256 characters).
password-weak = That password is easy to guess. Try a phrase of several words.
password-weak-common = That password is very common. Try a phrase of several words.
password-weak-keyboard = Keyboard patterns are easy to guess. Try a phrase of several words.
password-weak-repeats = Repeats and sequences (like "aaa" or "1234") are easy to guess.
password-weak-dates = Dates and years are easy to guess.
password-weak-words = A single word or name is easy to guess. Combine several words.
password-wrong = The password is not correct.
login-invalid = The username or password is not correct.

register-title = Create an account
register-intro = With an account you can start threads and reply. We will email you to confirm your address.
register-submit = Create account
register-have-account = Already have an account? Log in
register-sent-title = Check your email
register-sent-body = If the details are right, we sent a message to your email address. Open it to confirm your account; the link works for 48 hours.
verify-gone-title = The link no longer works
verify-gone-body = This confirmation link was already used or has expired. If you have not confirmed your address yet, log in and ask for a new one from Settings.
verify-gone-next = Ask for a new link in Settings
email-taken-title = Address in use
email-taken-body = That email address already belongs to another account, so it could not be changed.

login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account? Create one

forgot-title = Reset your password
forgot-intro = Type your account's email and we will send you a link to choose a new password.
forgot-submit = Send the link
forgot-sent-title = Check your email
forgot-sent-body = If that address has an account, we sent it a link to reset the password. It works for one hour, once.
reset-title = Choose a new password
reset-submit = Save the password
reset-gone-title = The link no longer works
reset-gone-body = This password reset link was already used or has expired (it works for one hour).
reset-gone-next = Ask for a new link

profile-joined = Member since
profile-posts = Posts
profile-held = Waiting for review
profile-held-own = { $count ->
    [one] One of your posts is waiting for review by the moderators: you see it in its thread, others will once it is approved.
   *[other] { $count } of your posts are waiting for review by the moderators: you see them in their threads, others will once they are approved.
}
profile-held-other = { $count ->
    [one] One post by this member is waiting for review.
   *[other] { $count } posts by this member are waiting for review.
}

settings-title = Settings
settings-save = Save
settings-language = Language
settings-email = Email
settings-email-current = Your address: { $email }
settings-email-verified = confirmed
settings-email-unverified = not confirmed
settings-email-submit = Change email
settings-password = Password
settings-password-submit = Change password
settings-data = Your data
settings-export = Download my data (JSON)
settings-index = Settings sections
settings-delete = Delete the account
settings-delete-explain = Your username, email and password are erased and your sessions end. Your posts stay as "deleted member" so conversations still make sense. This cannot be undone.
settings-delete-submit = Delete my account

email-hello = Hello { $name },
email-footer-account = You receive this message because of an action on your Tertulia account.
email-link-fallback = If the button does not work, copy this link into your browser:
email-verify-subject = Confirm your email on Tertulia
email-verify-intro = To finish creating your account, confirm this address. The link works for { $hours } hours, once.
email-verify-action = Confirm my email
email-verify-ignore = If you did not create this account, ignore this message.
email-already-subject = Someone tried to sign up with your email on Tertulia
email-already-intro = Someone (perhaps you) tried to create a Tertulia account with this address, which already belongs to your account "{ $username }".
email-already-login = Log in
email-already-reset = Reset the password
email-already-ignore = If it was not you, you need not do anything.
email-reset-subject = Reset your Tertulia password
email-reset-intro = We received a request to reset your password. The link works for { $minutes } minutes, once; using it ends all your sessions.
email-reset-action = Choose a new password
email-reset-ignore = If you did not ask for this, ignore this message: your password does not change.
email-change-subject = Confirm your new email address on Tertulia
email-change-intro = You asked to use this address for your account "{ $username }". Confirm it with the link; it works for { $hours } hours.
email-change-action = Confirm the new address
email-change-ignore = If you did not ask for this, ignore this message: nothing changes.
email-affiliation-subject = Confirm your work address on Tertulia
email-affiliation-intro = The account “{ $username }” asked to verify that it belongs to { $organization } with this address. Confirm it with the link; it is valid for { $hours } hours.
email-affiliation-action = Confirm my work address
email-affiliation-ignore = If you did not ask for this, ignore this message: nothing changes.
email-changed-subject = The email of your Tertulia account changed
email-changed-intro = The address of your account "{ $username }" changed to { $new_email }.
email-changed-reset = If it was not you, reset your password
email-changed-ignore = If it was you, you need not do anything.
rate-limited-minutes = Too many attempts. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
  }.
og-locale = en_US
nav-search = Search
deleted-member = deleted member
error-unverified-title = Confirm your email
error-unverified-body = To post, first confirm your email address with the link we sent you (you can ask for another one in Settings).
feed-link = Atom feed
pager-label = Pages
pager-label-end = Pages (end of the list)
pager-prev = ← Previous
pager-next = Next →
pager-position = Page { $page } of { $pages }
pager-first = « First
pager-last = Last »
pager-page = Page { $page }
thread-new = Start a thread
thread-new-title = Start a thread
thread-new-in = In the { $board } board.
thread-login-to-post = Log in to start a thread
thread-pinned = Pinned
thread-locked-tag = Locked
thread-replies = { $count ->
    [one] 1 reply
   *[other] { $count } replies
  }
thread-last-reply = latest reply:
thread-submit = Post the thread
thread-locked = This thread is locked: it takes no more replies.
reply-login = Log in to reply.
reply-heading = Reply
reply-submit = Post the reply
reply-to-post = Replying to #{ $number } by { $name }
reply-to-post-deleted = Replying to #{ $number }
reply-to-thread-instead = reply to the thread instead
reply-parent-unknown = The post you are answering is not in this thread.
field-title = Title
field-title-hint = 5 to 200 characters.
field-body = Message
field-body-hint = Up to 50,000 characters. You can use Markdown.
field-reply = Your reply
field-edit-reason = Reason for the edit
field-edit-reason-hint = Shown in the history. Required when editing someone else's post.
title-too-short = The title must have at least 5 characters.
title-too-long = The title can have at most 200 characters.
body-empty = Write the message.
body-too-long = The message can have at most 50,000 characters.
body-too-nested = The message nests too many quotes or lists: 32 levels at most.
edit-reason-required = Say why you are editing someone else's post.
reason-too-long = The reason can have at most 500 characters.
markdown-help = Markdown: **bold**, *italics*, [link](https://…), lists with "-", tables and ~~strikethrough~~. Web addresses become links by themselves.
post-edited = edited
post-in-reply-to = In reply to #{ $number } by { $name }:
post-in-reply-to-deleted = In reply to #{ $number }:
post-deleted-by-author = Post deleted by its author.
post-deleted-by-moderator = Post deleted by the moderators.
thread-reply-top = Reply in this thread
thread-last-post = Go to the last post
post-number-label = Post
post-reply = Reply
ignore-start = Ignore
ignore-stop = Stop ignoring
ignore-hint = Their posts will fold away for you and will not notify you.
ignore-on-hint = You ignore this member: their posts fold away for you.
ignore-folded = Post by a member you ignore (show)
settings-ignored = Ignored members
settings-ignored-none = You ignore nobody.
post-quote = Quote
quote-attribution = { $name } wrote:
quote-attribution-deleted = A member who deleted their account wrote:
support-give = Support
support-remove = Remove support
support-count = { $count ->
    [one] 1 support
   *[other] { $count } supports
  }
post-edit = Edit
post-delete = Delete
edit-title = Edit the post
edit-in = In "{ $title }"
edit-back = back to the post
edit-submit = Save the changes
history-title = Post history
history-version = Version { $number }
history-current = Current version
history-replaced-by = Replaced by { $name } on
history-reason = Reason:
search-title = Search
search-words = Words
search-board = Board
search-all-boards = All boards
search-submit = Search
search-nothing = We found no posts with those words.
search-sort = Sort by
search-sort-relevance = Relevance
search-sort-date = Date (newest first)
search-count = { $threads ->
    [one] 1 thread
   *[other] { $threads } threads
  } with { $posts ->
    [one] 1 matching post
   *[other] { $posts } matching posts
  }
search-capped = Only the { $window } newest matching posts were searched; use more precise words to find older ones.
search-matches = { $count ->
    [one] 1 post matches
   *[other] { $count } posts match
  }
search-first-match = Go to the first matching post
search-best-match = Post by { $author }
profile-recent = Recent posts
profile-no-posts = No posts yet.
input-nul = The text contains a character that is not allowed (NUL). Remove it and send it again.
username-look-alike = That name is easily mistaken for someone else's (letters that look alike). Choose another.
nav-notifications = Notifications
notifications-title = Notifications
notifications-settings = Choose how you are told
notifications-mark-read = Mark all as read
notifications-unread = New
notifications-empty = You have no notifications. You will find here replies to you, mentions, quotes, and moderation decisions about your posts.
flash-notifications-read = All notifications are marked as read.
notification-text = { $kind ->
    [reply] { $name } replied to your post in “{ $title }”
    [mention] { $name } mentioned you in “{ $title }”
    [quote] { $name } quoted your post in “{ $title }”
    [watch] { $name } posted in “{ $title }”, a thread you watch
    [consultation] The synthesis of the consultation “{ $title }” is published
   *[moderation] { $action ->
        [approve] Moderation approved your post in “{ $title }”
        [restore] Moderation restored your post in “{ $title }”
        [hide] Moderation hid your post in “{ $title }”
        [reject] Moderation rejected your post in “{ $title }”
        [suspend] Moderation suspended your account
        [ban] Moderation banned your account
        [appeal_upheld] Your appeal was decided: the decision stands
        [appeal_overturned] Your appeal was decided: the decision was reversed
       *[other] Moderation took a decision that concerns you
    }
  }
settings-notifications = Notifications
field-notify-email = Notifications by email
field-notify-email-hint = One message per batch with the replies, mentions, quotes and decisions that concern you.
notify-email-batched = Yes, batched
notify-email-off = No, only on the site
notify-email-unknown = Choose one of the options.
notify-off-title = Stop notification emails
notify-off-explain = You will no longer get emails about replies, mentions, quotes and moderation decisions. You will still see them on the notifications page.
notify-off-submit = Stop these emails
notify-off-done = Done: we will not email you notifications any more.
notify-off-already = Notification emails are already off for this account.
notify-off-settings = Change it in your settings
thread-unopened = New
thread-new-posts = { $count ->
    [one] 1 new
   *[other] { $count } new
  }
welcome-title = Welcome
welcome-signed-in = Your email address is confirmed and you are signed in: you can start writing.
welcome-signed-out = Your email address is confirmed. To write, sign in on this browser.
welcome-next = To begin
welcome-rules = Read the community rules
welcome-rules-why = there are few, and the moderators cite them every time they decide something, in a public log
welcome-boards = Choose a board
welcome-boards-why = cybersecurity, network neutrality, education, public policy and more; read the recent threads, reply or start one
welcome-digests = Get digests by email
welcome-digests-why = daily or weekly, for the boards you choose, to follow the conversation without visiting every day
welcome-notifications = Choose your notifications
welcome-notifications-why = we tell you when someone replies to you, mentions you or quotes you; you can get them by email too
stakeholder-government = Government
stakeholder-private_sector = Private sector
stakeholder-civil_society = Civil society
stakeholder-academia = Academia
stakeholder-technical_community = Technical community
stakeholder-intergovernmental = Intergovernmental organisation
label-verified = verified
label-declared = declared
settings-sector = Sector
settings-sector-explain = If you wish, state the group and organisation you take part for. It shows beside your name as “declared”; it becomes “verified” when you confirm a work address on a domain the administrators recognise for that group, or when an administrator verifies it.
settings-sector-none = No sector declared.
settings-sector-current = Your label:
settings-sector-pending = Waiting for the confirmation of { $email }.
settings-sector-submit = Save the sector
settings-affiliation-submit = Send the confirmation link
field-stakeholder = Group
field-stakeholder-none = None
field-organization = Organisation
field-organization-hint = Optional, up to 100 characters.
field-work-email = Work address
field-work-email-hint = We will send you a link. Changing group or organisation drops the verification.
stakeholder-unknown = Choose one of the groups in the list.
organization-too-long = The organisation takes up to 100 characters.
affiliation-no-group = First declare your group and save it.
affiliation-domain-unlisted = That domain is not recognised for your group. Use your organisation's address or ask the administrators to add it.
flash-sector-saved = Sector saved.
flash-affiliation-sent = We sent a link to your work address.
flash-affiliation-verified = Your label is verified.
affiliation-conflict-title = Could not verify
affiliation-conflict-body = That address's domain is no longer recognised for your group, or your group changed. Check your sector in Settings.
