# Subscriptions, email digests and watched threads.

footer-subscribe = Get digests by email
subscribe-title = Get digests by email
subscribe-intro = Get what is new in the boards you choose by email, without an account. We will send you a link to confirm.
subscribe-boards = Boards
subscribe-frequency = Frequency
subscribe-submit = Subscribe
subscribe-members-hint = Have an account? Choose your digests in
subscribe-boards-required = Choose at least one of the boards.
subscribe-frequency-unknown = Choose daily or weekly.
subscribe-sent-title = Check your email
subscribe-sent-body = If the address can subscribe, we sent it a link to confirm. It expires in 7 days; until then you will receive nothing else.
subscribe-confirmed-title = Subscription confirmed
subscribe-confirmed-body = You will receive a { $frequency } digest of: { $boards }.
subscribe-unsubscribe-anytime = You can unsubscribe at any time:
unsubscribe-link = unsubscribe me
unsubscribe-title = Unsubscribe
unsubscribe-explain = Press the button to stop receiving Tertulia digests at this address.
unsubscribe-submit = Unsubscribe me
unsubscribe-done = Done: you will receive no more digests.
unsubscribe-already = This address receives no digests.
unsubscribe-resubscribe = Subscribe again
digest-off = Off
digest-daily = daily
digest-weekly = weekly
digest-choice-unknown = Choose “Off”, “daily” or “weekly” for each board.
settings-digests = Email digests
settings-digests-explain = For each board, choose a daily digest, a weekly one, or none.
settings-watched = Threads you watch
settings-watched-none = You watch no threads. Use “Watch this thread” on a thread’s page.
watch-start = Watch this thread
watch-stop = Stop watching
watch-hint = We will email you about new replies.
watch-on-hint = You watch this thread: we email you about new replies.
flash-watching = You now watch this thread.
flash-unwatched = You no longer watch this thread.

email-subscribe-subject = Confirm your Tertulia subscription
email-subscribe-intro = Someone (we hope you) asked for a { $frequency ->
    [weekly] weekly
   *[daily] daily
} Tertulia digest of these boards: { $boards }.
email-subscribe-action = Confirm the subscription
email-subscribe-expiry = The link expires in { $days } days.
email-subscribe-footer = You receive this message because someone asked to subscribe this address to Tertulia digests.
email-subscribe-ignore = If you did not ask for it, ignore this message: you will receive nothing else.

digest-subject-daily = Tertulia: digest for { $period }
digest-subject-weekly = Tertulia: weekly digest ({ $period })
digest-heading-daily = What is new on Tertulia on { $period }
digest-heading-weekly = What is new on Tertulia in the week of { $period }
digest-syntheses = Published consultation syntheses
digest-new-threads = New threads
digest-active-threads = Threads with new replies
digest-by = by { $name }
digest-replies = { $count ->
    [one] 1 new reply
   *[other] { $count } new replies
} by { $names }
digest-more = and { $count } more
digest-why-member = You receive this digest because you chose it in your Tertulia account settings.
digest-why-email = You receive this digest because this address subscribed on Tertulia.
digest-manage = Choose your digests
digest-unsubscribe = Unsubscribe

watch-subject = { $count ->
    [one] New reply in “{ $title }”
   *[other] { $count } new replies in “{ $title }”
}
watch-intro = { $count ->
    [one] There is a new reply
   *[other] There are { $count } new replies
} by { $names } in “{ $title }”, a thread you watch.
watch-read = Read the replies
watch-why = You receive this message because you watch this thread on Tertulia.
notifications-subject = { $count ->
    [one] One thing for you on Tertulia
   *[other] { $count } things for you on Tertulia
}
notifications-intro = { $count ->
    [one] This concerns you since your last visit:
   *[other] These { $count } things concern you since your last visit:
}
notifications-more = { $count ->
    [one] and 1 more on the notifications page.
   *[other] and { $count } more on the notifications page.
}
notifications-open = See all your notifications
notifications-why = You get this email because you have a Tertulia account with notification emails on.
notifications-off = Stop these emails
digest-more-threads = { $count ->
    [one] And 1 more thread with news in this board
   *[other] And { $count } more threads with news in this board
}
