# Suscripciones, resúmenes por correo y seguimiento de hilos.

footer-subscribe = Recibir resúmenes por correo
subscribe-title = Recibir resúmenes por correo
subscribe-intro = Reciba por correo lo nuevo de los foros que elija, sin crear una cuenta. Le enviaremos un enlace para confirmar.
subscribe-boards = Foros
subscribe-frequency = Frecuencia
subscribe-submit = Suscribirme
subscribe-members-hint = ¿Tiene cuenta? Elija sus resúmenes en
subscribe-boards-required = Elija al menos uno de los foros.
subscribe-frequency-unknown = Elija diaria o semanal.
subscribe-sent-title = Revise su correo
subscribe-sent-body = Si la dirección puede suscribirse, le enviamos un enlace para confirmar. Caduca en 7 días; hasta entonces no recibirá nada más.
subscribe-confirmed-title = Suscripción confirmada
subscribe-confirmed-body = Recibirá un resumen { $frequency } de: { $boards }.
subscribe-unsubscribe-anytime = Puede darse de baja cuando quiera:
unsubscribe-link = darme de baja
unsubscribe-title = Darse de baja
unsubscribe-explain = Pulse el botón para dejar de recibir los resúmenes de Tertulia en esta dirección.
unsubscribe-submit = Darme de baja
unsubscribe-done = Listo: ya no recibirá más resúmenes.
unsubscribe-already = Esta dirección no recibe resúmenes.
unsubscribe-resubscribe = Volver a suscribirme
digest-off = No recibir
digest-daily = diario
digest-weekly = semanal
digest-choice-unknown = Elija «No recibir», «diario» o «semanal» para cada foro.
settings-digests = Resúmenes por correo
settings-digests-explain = Para cada foro, elija si quiere un resumen diario, semanal o ninguno.
settings-watched = Hilos que sigue
settings-watched-none = No sigue ningún hilo. Use «Seguir este hilo» en la página de un hilo.
watch-start = Seguir este hilo
watch-stop = Dejar de seguir
watch-hint = Le avisaremos por correo de las respuestas nuevas.
watch-on-hint = Sigue este hilo: le avisamos por correo de las respuestas nuevas.
flash-watching = Ahora sigue este hilo.
flash-unwatched = Ya no sigue este hilo.

email-subscribe-subject = Confirme su suscripción a Tertulia
email-subscribe-intro = Alguien (esperamos que usted) pidió recibir un resumen { $frequency ->
    [weekly] semanal
   *[daily] diario
} de Tertulia con estos foros: { $boards }.
email-subscribe-action = Confirmar la suscripción
email-subscribe-expiry = El enlace caduca en { $days } días.
email-subscribe-footer = Recibe este mensaje porque alguien pidió suscribir esta dirección a los resúmenes de Tertulia.
email-subscribe-ignore = Si no lo pidió, ignore este mensaje: no recibirá nada más.

digest-subject-daily = Tertulia: resumen del { $period }
digest-subject-weekly = Tertulia: resumen semanal ({ $period })
digest-heading-daily = Lo nuevo en Tertulia el { $period }
digest-heading-weekly = Lo nuevo en Tertulia la semana del { $period }
digest-syntheses = Síntesis publicadas de consultas
digest-new-threads = Hilos nuevos
digest-active-threads = Hilos con respuestas nuevas
digest-by = de { $name }
digest-replies = { $count ->
    [one] 1 respuesta nueva
   *[other] { $count } respuestas nuevas
} de { $names }
digest-more = y { $count } más
digest-why-member = Recibe este resumen porque lo eligió en la configuración de su cuenta de Tertulia.
digest-why-email = Recibe este resumen porque suscribió esta dirección en Tertulia.
digest-manage = Elegir sus resúmenes
digest-unsubscribe = Darse de baja

watch-subject = { $count ->
    [one] Nueva respuesta en «{ $title }»
   *[other] { $count } respuestas nuevas en «{ $title }»
}
watch-intro = { $count ->
    [one] Hay una respuesta nueva
   *[other] Hay { $count } respuestas nuevas
} de { $names } en «{ $title }», un hilo que sigue.
watch-read = Leer las respuestas
watch-why = Recibe este mensaje porque sigue este hilo en Tertulia.
notifications-subject = { $count ->
    [one] Una novedad para usted en Tertulia
   *[other] { $count } novedades para usted en Tertulia
}
notifications-intro = { $count ->
    [one] Esto le concierne desde su última visita:
   *[other] Estas { $count } novedades le conciernen desde su última visita:
}
notifications-more = { $count ->
    [one] y 1 más en la página de notificaciones.
   *[other] y { $count } más en la página de notificaciones.
}
notifications-open = Ver todas sus notificaciones
notifications-why = Recibe este mensaje porque tiene una cuenta en Tertulia con los avisos por correo activados.
notifications-off = Dejar de recibir estos correos
digest-more-threads = { $count ->
    [one] Y 1 hilo más con novedades en este foro
   *[other] Y { $count } hilos más con novedades en este foro
}
