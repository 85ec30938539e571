# A thread's open data and printable report.
thread-open-data = Open data
thread-report-link = Printable report
report-title = Report: { $title }
report-kicker = Thread report
report-kicker-consultation = Consultation report
report-opening = Opening post
report-replies = Replies
report-started = opened on
report-open-data = Open data
report-phase = Phase
report-opens = Opens
report-closes = Closes
report-close-reason = Why it closed
report-question = Question
report-no-question = The opening post is not published.
report-synthesis = Synthesis
report-counts = Participation
report-contributions = { $count ->
    [one] 1 published contribution
   *[other] { $count } published contributions
  }
report-by-kind = Contributions by kind
report-by-group = Contributions by stakeholder group
report-kind = Kind
report-group = Group
report-count = Contributions
report-label-verified = verified
report-label-declared = declared
report-phase-draft = Draft
report-phase-open = Open
report-phase-closed = Closed
report-phase-synthesis = Synthesis published
report-kind-proposal = Proposal
report-kind-objection = Objection
report-kind-question = Question
report-kind-evidence = Evidence
report-kind-comment = Comment
report-kind-none = No kind
report-group-government = Government
report-group-private_sector = Private sector
report-group-civil_society = Civil society
report-group-academia = Academia
report-group-technical_community = Technical community
report-group-intergovernmental = Intergovernmental organisation
report-group-none = No group declared
