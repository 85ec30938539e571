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
error-method-title = Action not allowed
error-method-body = This address does not accept that action.
error-bad-request-title = Bad request
error-bad-request-body = We could not understand the request. Go back to the previous page and try again.
