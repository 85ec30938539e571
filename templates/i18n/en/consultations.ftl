# Consultations: a question open to every sector, its contributions and its synthesis.
consultations-title = Consultations
consultations-intro = Questions open to every sector, with dates. Each consultation ends in a synthesis the organisers publish.
consultations-open = Open
consultations-drafts = Drafts (moderators only)
consultations-closed = Closed
consultations-none-open = No consultation is open now.
consultations-none-closed = No consultation has closed yet.
consultations-new-link = Open a consultation
consultation-listed-dates = from { $opens } to { $closes }
consultation-contribution-count = { $count ->
    [one] 1 contribution
   *[other] { $count } contributions
  }
home-consultations = Open consultations
consultation-new-title = Open a consultation
consultation-new-intro = The question opens the thread; contributions are its replies. Only the board's moderators see the consultation until its opening day, and nobody can contribute after its closing day.
field-board = Board
field-question = Question
field-question-hint = What is asked and what will be done with the contributions. Markdown works.
field-opens-at = Opens on
field-closes-at = Closes at the end of
field-date-hint = As YYYY-MM-DD (year, month, day), in the site's time.
consultation-submit = Open the consultation
flash-consultation-created = Consultation created.
consultation-date-invalid = Write a date as YYYY-MM-DD.
consultation-closes-past = The closing date has passed.
consultation-closes-before = A consultation cannot close before it opens.
consultation-board-unknown = Choose a board from the list.
consultation-heading = Consultation
phase-draft = Draft
phase-open = Open
phase-closed = Closed
phase-synthesis = Synthesis published
consultation-dates = From { $opens } to { $closes }
consultation-days-left = { $count ->
    [one] 1 day left
   *[other] { $count } days left
  }
consultation-closed-early = The moderators closed it before its date:
consultation-not-open-yet = This consultation is not open yet: contributions start on its opening day.
consultation-closed = This consultation is closed and takes no more contributions. Your text was not published; you have it below.
consultation-contributions = { $count ->
    [one] 1 contribution
   *[other] { $count } contributions
  }
consultation-by-kind = Contributions by kind
consultation-by-stakeholder = Contributions by sector
consultation-kind = Kind of contribution
consultation-stakeholder = Sector
consultation-count = Contributions
consultation-all = All
consultation-filter = Filter
consultation-group-none = No sector declared
field-kind = Kind of contribution
kind-proposal = Proposal
kind-objection = Objection
kind-question = Question
kind-evidence = Evidence
kind-comment = Comment
consultation-close = Close the consultation
consultation-close-title = Close before its date
field-reason = Reason
reason-required = Give the reason; it goes in the public moderation log.
flash-consultation-closed = Consultation closed.
synthesis-title = Synthesis
synthesis-heading = Synthesis
synthesis-draft-heading = Draft synthesis (moderators only)
synthesis-published = Published on
synthesis-revisions = { $count ->
    [one] 1 saved version
   *[other] { $count } saved versions
  }
field-synthesis = Text of the synthesis
field-synthesis-hint = Cite contributions by their permalink (/p/number). Markdown works; every version is kept.
field-publish = Publish it now (tells everyone who took part; cannot be undone)
synthesis-submit = Save the synthesis
synthesis-not-closed = The synthesis is published once the consultation is closed.
synthesis-already-published = The synthesis is already published.
flash-synthesis-saved = Synthesis saved.
flash-synthesis-published = Synthesis published: everyone who took part was told.
