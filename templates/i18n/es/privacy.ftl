# Página de privacidad: qué se guarda, cuánto tiempo y quién lo ve.
privacy-title = Privacidad
footer-privacy = Privacidad
footer-transparency = Transparencia
privacy-intro = Qué guarda este sitio sobre usted, durante cuánto tiempo y quién puede verlo. Los plazos de esta página son los que el sitio tiene configurados ahora y se cumplen automáticamente.
privacy-how-long = Cuánto tiempo
privacy-who-sees = Quién lo ve
privacy-account-title = Su cuenta
privacy-account-what = Su nombre de usuario, su dirección de correo, una huella de su contraseña (nunca la contraseña), su idioma, su papel en el sitio y sus preferencias de aviso.
privacy-account-kept = Mientras exista la cuenta. Si la borra, el nombre pasa a ser «deleted-» y un número, y la dirección, la huella de la contraseña y la etiqueta se borran al momento.
privacy-account-who = El nombre es público. La dirección de correo solo la ve usted; el equipo de administración solo la ve si un mensaje a ella no se pudo entregar.
privacy-posts-title = Sus mensajes
privacy-posts-what = Lo que publica, sus versiones anteriores si lo edita, y los mensajes que apoya.
privacy-posts-kept = Mientras no los borre. Si borra la cuenta, sus mensajes publicados quedan firmados por una cuenta borrada y las versiones anteriores se borran; borre antes los que no quiera dejar.
privacy-posts-who = Lo publicado es público. Un mensaje retenido para revisión solo lo ven usted y la moderación.
privacy-reports-title = Sus reportes
privacy-reports-what = Cuando reporta un mensaje: cuál, el motivo, su nota y quién lo reportó.
privacy-reports-kept = { $days ->
    [one] Después de 1 día el reporte ya no dice quién lo hizo; el motivo y la nota quedan para la moderación.
   *[other] Después de { $days } días el reporte ya no dice quién lo hizo; el motivo y la nota quedan para la moderación.
  }
privacy-reports-who = Solo la moderación. Quien escribió el mensaje nunca sabe quién lo reportó. Las cifras de reportes por motivo son públicas, sin nombres.
privacy-sessions-title = Sesiones
privacy-sessions-what = Al entrar, su navegador recibe una clave al azar; guardamos solo su huella, cuándo empezó la sesión y cuándo se usó por última vez.
privacy-sessions-kept = { $days ->
    [one] Hasta que salga, o tras 1 día sin usarla.
   *[other] Hasta que salga, o tras { $days } días sin usarla.
  }
privacy-sessions-who = Solo usted, en su configuración, donde puede cerrar las demás sesiones.
privacy-mail-title = Correo que le enviamos
privacy-mail-what = Cada mensaje (verificación, recuperación de contraseña, resúmenes, avisos) espera en una cola con su dirección y su contenido hasta que sale.
privacy-mail-kept = { $days ->
    [one] Después de 1 día un mensaje enviado o fallido ya no guarda ni la dirección ni el contenido; solo queda que existió, su tipo y su fecha.
   *[other] Después de { $days } días un mensaje enviado o fallido ya no guarda ni la dirección ni el contenido; solo queda que existió, su tipo y su fecha.
  }
privacy-links-kept = Los enlaces de un solo uso que le enviamos caducan a las { $hours } horas como mucho y se olvidan en cuanto se usan o caducan.
privacy-mail-who = Nadie los lee. El equipo de administración ve la dirección de un mensaje que no se pudo entregar, para poder corregirlo.
privacy-replies-title = Respuestas por correo
privacy-replies-what = Si este sitio permite contestar los avisos respondiendo al correo y usted lo hace, leemos ese correo, publicamos solo su texto nuevo (sin la cita, la firma ni los adjuntos) y anotamos su identificador (Message-ID) y qué se hizo con él, para no publicarlo dos veces. El correo en sí no se guarda.
privacy-replies-kept = El identificador se guarda para siempre, porque impide que un correo repetido se publique otra vez; si borra la cuenta, deja de estar ligado a usted.
privacy-replies-who = Nadie: solo lo usa el propio sitio.
privacy-ip-title = Direcciones IP
privacy-ip-what = Su dirección IP solo se anota para poner límites contra abusos: por ejemplo, { $failures } intentos fallidos de entrar en { $minutes } minutos, o { $registrations } cuentas nuevas por hora desde una misma dirección. No se guarda junto a sus mensajes ni en los registros del servidor.
privacy-ip-kept = { $hours ->
    [one] 1 hora.
   *[other] { $hours } horas.
  }
privacy-ip-who = Nadie: solo las cuenta el propio sitio.
privacy-labels-title = Etiquetas y afiliación
privacy-labels-what = Si declara un grupo de partes interesadas y una organización, y la dirección de trabajo con que lo verificó.
privacy-labels-kept = Hasta que cambie o quite la etiqueta, o borre la cuenta; la dirección de trabajo se borra con ella.
privacy-labels-who = El grupo, la organización y si está verificada son públicos junto a su nombre. La dirección de trabajo solo la ven usted y la moderación que revisa la afiliación.
privacy-subscriptions-title = Suscripciones por correo
privacy-subscriptions-what = Los foros a los que se suscribe, con qué frecuencia, y la dirección si se suscribe sin cuenta.
privacy-subscriptions-kept = { $days ->
    [one] Hasta que se dé de baja. Una suscripción sin confirmar se olvida al cabo de 1 día; el enlace de confirmación vale { $confirm } días como mucho.
   *[other] Hasta que se dé de baja. Una suscripción sin confirmar se olvida al cabo de { $days } días; el enlace de confirmación vale { $confirm } días como mucho.
  }
privacy-subscriptions-who = Nadie más que usted.
privacy-activity-title = Su actividad en el sitio
privacy-activity-what = Los hilos que sigue, hasta dónde leyó cada hilo, sus notificaciones y los miembros que ignora.
privacy-activity-kept = Mientras exista la cuenta; al borrarla se borran.
privacy-activity-who = Solo usted. Las decisiones de moderación sobre mensajes y cuentas se publican en el registro de moderación.
privacy-rights-title = Llevarse o borrar sus datos
privacy-export = Puede descargar en cualquier momento todo lo que guardamos sobre usted:
privacy-export-link = exportar mis datos
privacy-delete = Puede borrar su cuenta desde su configuración; su dirección desaparece entonces de todas partes, también de las suscripciones y del correo pendiente:
privacy-delete-link = configuración de la cuenta
privacy-no-trackers = No hay anuncios, ni rastreadores, ni cookies de terceros.
