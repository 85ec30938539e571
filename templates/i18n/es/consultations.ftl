# Consultations: a question open to every sector, its contributions and its synthesis.
consultations-title = Consultas
consultations-intro = Preguntas abiertas a todos los sectores, con fechas. Cada consulta termina en una síntesis que la organización publica.
consultations-open = Abiertas
consultations-drafts = Borradores (solo moderación)
consultations-closed = Cerradas
consultations-none-open = No hay consultas abiertas ahora.
consultations-none-closed = Todavía no se cerró ninguna consulta.
consultations-new-link = Abrir una consulta
consultation-listed-dates = del { $opens } al { $closes }
consultation-contribution-count = { $count ->
    [one] 1 aporte
   *[other] { $count } aportes
  }
home-consultations = Consultas abiertas
consultation-new-title = Abrir una consulta
consultation-new-intro = La pregunta abre el hilo; los aportes son las respuestas. Solo la moderación del foro ve la consulta hasta el día de apertura, y nadie puede aportar después del día de cierre.
field-board = Foro
field-question = Pregunta
field-question-hint = Qué se consulta y qué se hará con los aportes. Admite Markdown.
field-opens-at = Abre el día
field-closes-at = Cierra al terminar el día
field-date-hint = Con el formato AAAA-MM-DD (año, mes, día), en la hora del sitio.
consultation-submit = Abrir la consulta
flash-consultation-created = Consulta creada.
consultation-date-invalid = Escriba una fecha con el formato AAAA-MM-DD.
consultation-closes-past = La fecha de cierre ya pasó.
consultation-closes-before = La consulta no puede cerrar antes de abrir.
consultation-board-unknown = Elija un foro de la lista.
consultation-heading = Consulta
phase-draft = Borrador
phase-open = Abierta
phase-closed = Cerrada
phase-synthesis = Síntesis publicada
consultation-dates = Del { $opens } al { $closes }
consultation-days-left = { $count ->
    [one] queda 1 día
   *[other] quedan { $count } días
  }
consultation-closed-early = La moderación la cerró antes de su fecha:
consultation-not-open-yet = Esta consulta todavía no está abierta: se podrá aportar desde su día de apertura.
consultation-closed = Esta consulta está cerrada y ya no recibe aportes. Su texto no se publicó; lo tiene aquí debajo.
consultation-contributions = { $count ->
    [one] 1 aporte
   *[other] { $count } aportes
  }
consultation-by-kind = Aportes por tipo
consultation-by-stakeholder = Aportes por sector
consultation-kind = Tipo de aporte
consultation-stakeholder = Sector
consultation-count = Aportes
consultation-all = Todos
consultation-filter = Filtrar
consultation-group-none = Sin sector declarado
field-kind = Tipo de aporte
kind-proposal = Propuesta
kind-objection = Objeción
kind-question = Pregunta
kind-evidence = Evidencia
kind-comment = Comentario
consultation-close = Cerrar la consulta
consultation-close-title = Cerrar antes de la fecha
field-reason = Motivo
reason-required = Diga el motivo; quedará en el registro público de moderación.
flash-consultation-closed = Consulta cerrada.
synthesis-title = Síntesis
synthesis-heading = Síntesis
synthesis-draft-heading = Borrador de la síntesis (solo moderación)
synthesis-published = Publicada el
synthesis-revisions = { $count ->
    [one] 1 versión guardada
   *[other] { $count } versiones guardadas
  }
field-synthesis = Texto de la síntesis
field-synthesis-hint = Cite los aportes por su enlace permanente (/p/número). Admite Markdown; cada versión se guarda.
field-publish = Publicarla ahora (avisa a quienes participaron; no se puede deshacer)
synthesis-submit = Guardar la síntesis
synthesis-not-closed = La síntesis se publica cuando la consulta está cerrada.
synthesis-already-published = La síntesis ya está publicada.
flash-synthesis-saved = Síntesis guardada.
flash-synthesis-published = Síntesis publicada: se avisó a quienes participaron.
