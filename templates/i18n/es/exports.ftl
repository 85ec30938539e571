# Datos abiertos de un hilo e informe imprimible.
thread-open-data = Datos abiertos
thread-report-link = Informe imprimible
report-title = Informe: { $title }
report-kicker = Informe del hilo
report-kicker-consultation = Informe de la consulta
report-opening = Mensaje inicial
report-replies = Respuestas
report-started = abierto el
report-open-data = Datos abiertos
report-phase = Fase
report-opens = Abre
report-closes = Cierra
report-close-reason = Motivo del cierre
report-question = Pregunta
report-no-question = El mensaje inicial no está publicado.
report-synthesis = Síntesis
report-counts = Participación
report-contributions = { $count ->
    [one] 1 aporte publicado
   *[other] { $count } aportes publicados
  }
report-by-kind = Aportes por tipo
report-by-group = Aportes por grupo de partes interesadas
report-kind = Tipo
report-group = Grupo
report-count = Aportes
report-label-verified = verificado
report-label-declared = declarado
report-phase-draft = Borrador
report-phase-open = Abierta
report-phase-closed = Cerrada
report-phase-synthesis = Síntesis publicada
report-kind-proposal = Propuesta
report-kind-objection = Objeción
report-kind-question = Pregunta
report-kind-evidence = Evidencia
report-kind-comment = Comentario
report-kind-none = Sin tipo
report-group-government = Gobierno
report-group-private_sector = Sector privado
report-group-civil_society = Sociedad civil
report-group-academia = Academia
report-group-technical_community = Comunidad técnica
report-group-intergovernmental = Organismo intergubernamental
report-group-none = Sin grupo declarado
