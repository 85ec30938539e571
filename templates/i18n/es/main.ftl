site-name = Tertulia
language-name = Español
skip-to-content = Saltar al contenido
nav-account = Cuenta
nav-language = Idioma
nav-login = Iniciar sesión
nav-register = Crear cuenta
nav-boards = Foros
breadcrumb = Ruta de navegación
footer-about = Tertulia: conversaciones abiertas de la comunidad de gobernanza de Internet. Sin anuncios ni rastreadores.

home-title = Foros
home-heading = Foros de conversación
home-intro = Cada foro reúne un tema del año: pregunte, responda y siga la conversación.
home-activity = Actividad reciente
home-activity-by = { $name },
board-counts = { $threads ->
    [one] 1 hilo
   *[other] { $threads } hilos
  } · { $posts ->
    [one] 1 mensaje
   *[other] { $posts } mensajes
  }
board-last-activity = Última actividad:
board-no-activity = Sin actividad todavía
board-threads = Hilos
board-col-topic = Tema
board-col-replies = Respuestas
board-col-last = Última actividad
board-no-threads = Todavía no hay hilos en este foro.
board-archived = Este foro está archivado: se puede leer, pero ya no admite mensajes nuevos.

error-back-home = Volver a la portada
error-not-found-title = Página no encontrada
error-not-found-body = No hay nada en esta dirección. Puede que el enlace esté mal escrito o que el contenido ya no exista.
error-unauthenticated-title = Inicie sesión
error-unauthenticated-body = Para hacer esto necesita iniciar sesión.
error-forbidden-title = Acceso denegado
error-forbidden-body = No tiene permiso para hacer esto.
error-validation-title = Revise el formulario
error-validation-body = Algunos datos no son válidos.
error-conflict-title = Conflicto
error-conflict-body = Otra persona cambió esto al mismo tiempo. Vuelva a cargar la página e inténtelo de nuevo.
error-rate-limited-title = Demasiados intentos
error-rate-limited-body = Ha hecho esto demasiadas veces en poco tiempo. Espere un momento e inténtelo de nuevo.
error-unexpected-title = Algo salió mal
error-unexpected-body = Tuvimos un problema al responder. Inténtelo de nuevo en unos minutos.
error-unavailable-title = Vuelva en un momento
error-unavailable-body = No podemos consultar los datos del foro en este momento. Nada de lo que ya publicó se ha perdido; inténtelo de nuevo en unos segundos.
error-method-title = Acción no permitida
error-method-body = Esta dirección no admite esa acción.
error-bad-request-title = Solicitud no válida
error-bad-request-body = No pudimos entender la solicitud. Vuelva a la página anterior e inténtelo de nuevo.
error-go-back = Volver a la página anterior
error-gone-title = Enlace vencido
error-gone-body = Este enlace ya se usó o venció.
error-csrf-title = Formulario vencido
error-csrf-body = No pudimos confirmar que este formulario lo envió usted desde Tertulia (quizá la página estuvo abierta mucho tiempo). Vuelva a la página, recárguela y envíelo otra vez.

nav-menu = Menú de
nav-profile = Mi perfil
nav-settings = Ajustes
nav-logout = Cerrar sesión
banner-unverified = Confirme su dirección de correo para poder publicar. Le enviamos un enlace.
banner-resend = Reenviar el enlace

flash-verified = ¡Listo! Su dirección de correo quedó confirmada.
flash-verified-signed-in = ¡Listo! Su dirección quedó confirmada y ya inició sesión.
flash-logged-in = Sesión iniciada.
flash-logged-out = Sesión cerrada.
flash-verification-sent = Le enviamos un nuevo enlace de confirmación.
flash-password-reset = Su contraseña cambió y se cerraron todas sus sesiones. Inicie sesión con la nueva.
flash-posted = Mensaje enviado.
flash-held = Su mensaje se recibió y espera la revisión de la moderación: nadie más lo verá hasta que se apruebe. Le avisaremos cuando se publique.
draft-restored = Recuperamos el borrador que no se había enviado.
flash-settings-saved = Ajustes guardados.
flash-email-change-sent = Le enviamos un enlace a la nueva dirección; el cambio se hace cuando lo abra.
flash-email-changed = Su nueva dirección de correo quedó confirmada.
flash-password-changed = Contraseña cambiada. Se cerraron sus otras sesiones.
flash-account-deleted = Su cuenta fue eliminada. Sus mensajes quedan como «miembro eliminado».

field-username = Nombre de usuario
field-username-hint = De 3 a 30 letras, números, «_» o «-». Será público.
field-email = Correo electrónico
field-password = Contraseña
field-password-hint = Al menos 10 caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar.
field-login = Nombre de usuario o correo
field-new-password = Contraseña nueva
field-current-password = Contraseña actual
field-new-email = Correo nuevo
field-new-email-hint = Le enviaremos un enlace para confirmarlo.
field-delete-hint = Escriba su contraseña para confirmar.
field-locale = Idioma
locale-es = Español
locale-en = English
locale-unknown = Elija un idioma de la lista.

username-too-short = El nombre de usuario debe tener al menos 3 caracteres.
username-too-long = El nombre de usuario puede tener como máximo 30 caracteres.
username-bad-characters = Use solo letras, números, «_» o «-», sin espacios.
username-taken = Ese nombre de usuario ya está en uso. Pruebe con otro.
email-invalid = Escriba una dirección de correo válida, como nombre@ejemplo.org.
email-too-long = La dirección de correo es demasiado larga.
password-too-short = La contraseña debe tener al menos 10 caracteres.
password-too-long = La contraseña es demasiado larga (máximo 256 caracteres).
password-weak = Esa contraseña es fácil de adivinar. Pruebe con una frase de varias palabras.
password-weak-common = Esa contraseña es muy común. Pruebe con una frase de varias palabras.
password-weak-keyboard = Las secuencias del teclado son fáciles de adivinar. Pruebe con una frase de varias palabras.
password-weak-repeats = Las repeticiones y secuencias (como «aaa» o «1234») son fáciles de adivinar.
password-weak-dates = Las fechas y los años son fáciles de adivinar.
password-weak-words = Una palabra o un nombre solos son fáciles de adivinar. Combine varias palabras.
password-wrong = La contraseña no es correcta.
login-invalid = El usuario o la contraseña no son correctos.

register-title = Crear una cuenta
register-intro = Con una cuenta puede abrir hilos y responder. Le enviaremos un correo para confirmar su dirección.
register-submit = Crear cuenta
register-have-account = ¿Ya tiene cuenta? Inicie sesión
register-sent-title = Revise su correo
register-sent-body = Si los datos son correctos, le enviamos un mensaje a su dirección de correo. Ábralo para confirmar su cuenta; el enlace vale 48 horas.
verify-gone-title = El enlace ya no sirve
verify-gone-body = Este enlace de confirmación ya se usó o venció. Si todavía no confirmó su dirección, inicie sesión y pida uno nuevo desde Ajustes.
verify-gone-next = Pedir un enlace nuevo en Ajustes
email-taken-title = Dirección en uso
email-taken-body = Esa dirección de correo ya pertenece a otra cuenta, así que no se pudo cambiar.

login-title = Iniciar sesión
login-submit = Entrar
login-forgot = ¿Olvidó su contraseña?
login-no-account = ¿No tiene cuenta? Cree una

forgot-title = Restablecer la contraseña
forgot-intro = Escriba el correo de su cuenta y le enviaremos un enlace para elegir una contraseña nueva.
forgot-submit = Enviar el enlace
forgot-sent-title = Revise su correo
forgot-sent-body = Si esa dirección tiene una cuenta, le enviamos un enlace para restablecer la contraseña. Vale una hora y sirve una sola vez.
reset-title = Elija una contraseña nueva
reset-submit = Guardar la contraseña
reset-gone-title = El enlace ya no sirve
reset-gone-body = Este enlace para restablecer la contraseña ya se usó o venció (vale una hora).
reset-gone-next = Pedir un enlace nuevo

profile-joined = Miembro desde
profile-posts = Mensajes
profile-held = Esperan revisión
profile-held-own = { $count ->
    [one] Uno de sus mensajes espera la revisión de la moderación: usted lo ve en su hilo, los demás lo verán cuando se apruebe.
   *[other] { $count } de sus mensajes esperan la revisión de la moderación: usted los ve en sus hilos, los demás los verán cuando se aprueben.
}
profile-held-other = { $count ->
    [one] Un mensaje de este miembro espera revisión.
   *[other] { $count } mensajes de este miembro esperan revisión.
}

settings-title = Ajustes
settings-save = Guardar
settings-language = Idioma
settings-email = Correo electrónico
settings-email-current = Su dirección: { $email }
settings-email-verified = confirmada
settings-email-unverified = sin confirmar
settings-email-submit = Cambiar el correo
settings-password = Contraseña
settings-password-submit = Cambiar la contraseña
settings-data = Sus datos
settings-export = Descargar mis datos (JSON)
settings-index = Secciones de los ajustes
settings-delete = Eliminar la cuenta
settings-delete-explain = Se borran su nombre de usuario, su correo y su contraseña, y se cierran sus sesiones. Sus mensajes se conservan como «miembro eliminado» para que las conversaciones sigan teniendo sentido. No se puede deshacer.
settings-delete-submit = Eliminar mi cuenta

email-hello = Hola, { $name }:
email-footer-account = Recibe este mensaje por una acción en su cuenta de Tertulia.
email-link-fallback = Si el botón no funciona, copie este enlace en su navegador:
email-verify-subject = Confirme su correo en Tertulia
email-verify-intro = Para terminar de crear su cuenta, confirme esta dirección. El enlace vale { $hours } horas y sirve una sola vez.
email-verify-action = Confirmar mi correo
email-verify-ignore = Si usted no creó esta cuenta, ignore este mensaje.
email-already-subject = Alguien intentó registrarse con su correo en Tertulia
email-already-intro = Alguien (quizá usted) intentó crear una cuenta en Tertulia con esta dirección, que ya pertenece a su cuenta «{ $username }».
email-already-login = Iniciar sesión
email-already-reset = Restablecer la contraseña
email-already-ignore = Si no fue usted, no tiene que hacer nada.
email-reset-subject = Restablezca su contraseña de Tertulia
email-reset-intro = Recibimos una solicitud para restablecer su contraseña. El enlace vale { $minutes } minutos y sirve una sola vez; al usarlo se cerrarán todas sus sesiones.
email-reset-action = Elegir una contraseña nueva
email-reset-ignore = Si no lo pidió usted, ignore este mensaje: su contraseña no cambia.
email-change-subject = Confirme su nueva dirección de correo en Tertulia
email-change-intro = Pidió usar esta dirección en su cuenta «{ $username }». Confírmela con el enlace; vale { $hours } horas.
email-change-action = Confirmar la dirección nueva
email-change-ignore = Si no lo pidió usted, ignore este mensaje: nada cambia.
email-affiliation-subject = Confirme su dirección de trabajo en Tertulia
email-affiliation-intro = La cuenta «{ $username }» pidió verificar su pertenencia a { $organization } con esta dirección. Confírmela con el enlace; vale { $hours } horas.
email-affiliation-action = Confirmar mi dirección de trabajo
email-affiliation-ignore = Si no lo pidió usted, ignore este mensaje: nada cambia.
email-changed-subject = Cambió el correo de su cuenta de Tertulia
email-changed-intro = La dirección de su cuenta «{ $username }» cambió a { $new_email }.
email-changed-reset = Si no fue usted, restablezca su contraseña
email-changed-ignore = Si fue usted, no tiene que hacer nada.
rate-limited-minutes = Demasiados intentos. Inténtelo de nuevo en { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
  }.
og-locale = es_ES
nav-search = Buscar
deleted-member = miembro eliminado
error-unverified-title = Confirme su correo
error-unverified-body = Para publicar, primero confirme su dirección de correo con el enlace que le enviamos (puede pedir otro en Ajustes).
feed-link = Fuente Atom
pager-label = Páginas
pager-label-end = Páginas (final de la lista)
pager-prev = ← Anterior
pager-next = Siguiente →
pager-position = Página { $page } de { $pages }
pager-first = « Primera
pager-last = Última »
pager-page = Página { $page }
thread-new = Abrir un hilo
thread-new-title = Abrir un hilo
thread-new-in = En el foro { $board }.
thread-login-to-post = Inicie sesión para abrir un hilo
thread-pinned = Fijado
thread-locked-tag = Cerrado
thread-replies = { $count ->
    [one] 1 respuesta
   *[other] { $count } respuestas
  }
thread-last-reply = última respuesta:
thread-submit = Publicar el hilo
thread-locked = Este hilo está cerrado: ya no admite respuestas.
reply-login = Inicie sesión para responder.
reply-heading = Responder
reply-submit = Publicar la respuesta
reply-to-post = Respondiendo a #{ $number } de { $name }
reply-to-post-deleted = Respondiendo a #{ $number }
reply-to-thread-instead = responder al hilo en general
reply-parent-unknown = El mensaje al que responde no está en este hilo.
field-title = Título
field-title-hint = De 5 a 200 caracteres.
field-body = Mensaje
field-body-hint = Hasta 50 000 caracteres. Puede usar Markdown.
field-reply = Su respuesta
field-edit-reason = Motivo de la edición
field-edit-reason-hint = Se muestra en el historial. Obligatorio si edita el mensaje de otra persona.
title-too-short = El título debe tener al menos 5 caracteres.
title-too-long = El título puede tener como máximo 200 caracteres.
body-empty = Escriba el mensaje.
body-too-long = El mensaje puede tener como máximo 50 000 caracteres.
body-too-nested = El mensaje anida demasiadas citas o listas: como máximo 32 niveles.
edit-reason-required = Indique por qué edita el mensaje de otra persona.
reason-too-long = El motivo puede tener como máximo 500 caracteres.
markdown-help = Markdown: **negrita**, *cursiva*, [enlace](https://…), listas con «-», tablas y ~~tachado~~. Las direcciones web se enlazan solas.
post-edited = editado
post-in-reply-to = En respuesta a #{ $number } de { $name }:
post-in-reply-to-deleted = En respuesta a #{ $number }:
post-deleted-by-author = Mensaje eliminado por su autor.
post-deleted-by-moderator = Mensaje eliminado por la moderación.
thread-reply-top = Responder en este hilo
thread-last-post = Ir al último mensaje
post-number-label = Mensaje
post-reply = Responder
ignore-start = Ignorar
ignore-stop = Dejar de ignorar
ignore-hint = Sus mensajes se plegarán para ti y no te avisarán.
ignore-on-hint = Ignora a este miembro: sus mensajes se le muestran plegados.
ignore-folded = Mensaje de un miembro que usted ignora (mostrar)
settings-ignored = Miembros ignorados
settings-ignored-none = No ignora a nadie.
post-quote = Citar
quote-attribution = { $name } escribió:
quote-attribution-deleted = Un miembro que borró su cuenta escribió:
support-give = Apoyar
support-remove = Quitar apoyo
support-count = { $count ->
    [one] 1 apoyo
   *[other] { $count } apoyos
  }
post-edit = Editar
post-delete = Eliminar
edit-title = Editar el mensaje
edit-in = En «{ $title }»
edit-back = volver al mensaje
edit-submit = Guardar los cambios
history-title = Historial del mensaje
history-version = Versión { $number }
history-current = Versión actual
history-replaced-by = Reemplazada por { $name } el
history-reason = Motivo:
search-title = Buscar
search-words = Palabras
search-board = Foro
search-all-boards = Todos los foros
search-submit = Buscar
search-nothing = No encontramos mensajes con esas palabras.
search-sort = Ordenar por
search-sort-relevance = Relevancia
search-sort-date = Fecha (lo más nuevo primero)
search-count = { $threads ->
    [one] 1 hilo
   *[other] { $threads } hilos
  } con { $posts ->
    [one] 1 mensaje que coincide
   *[other] { $posts } mensajes que coinciden
  }
search-capped = Solo se buscó entre los { $window } mensajes más recientes que coinciden; precise las palabras para encontrar otros más antiguos.
search-matches = { $count ->
    [one] 1 mensaje coincide
   *[other] { $count } mensajes coinciden
  }
search-first-match = Ir al primer mensaje que coincide
search-best-match = Mensaje de { $author }
profile-recent = Mensajes recientes
profile-no-posts = Todavía no publicó mensajes.
input-nul = El texto contiene un carácter no permitido (NUL). Quítelo y vuelva a enviarlo.
username-look-alike = Ese nombre se confunde con el de otra persona (letras que se parecen). Elija otro.
nav-notifications = Notificaciones
notifications-title = Notificaciones
notifications-settings = Elegir cómo recibir avisos
notifications-mark-read = Marcar todas como leídas
notifications-unread = Nueva
notifications-empty = No tiene notificaciones. Le avisaremos aquí cuando alguien le responda, le mencione o le cite, y cuando la moderación decida sobre sus mensajes.
flash-notifications-read = Todas las notificaciones quedaron marcadas como leídas.
notification-text = { $kind ->
    [reply] { $name } respondió a su mensaje en «{ $title }»
    [mention] { $name } le mencionó en «{ $title }»
    [quote] { $name } citó su mensaje en «{ $title }»
    [watch] { $name } escribió en «{ $title }», un hilo que sigue
    [consultation] Se publicó la síntesis de la consulta «{ $title }»
   *[moderation] { $action ->
        [approve] La moderación aprobó su mensaje en «{ $title }»
        [restore] La moderación restauró su mensaje en «{ $title }»
        [hide] La moderación ocultó su mensaje en «{ $title }»
        [reject] La moderación rechazó su mensaje en «{ $title }»
        [suspend] La moderación suspendió su cuenta
        [ban] La moderación expulsó su cuenta
        [appeal_upheld] Su apelación fue resuelta: la decisión se mantiene
        [appeal_overturned] Su apelación fue resuelta: la decisión se revirtió
       *[other] La moderación tomó una decisión que le concierne
    }
  }
settings-notifications = Notificaciones
field-notify-email = Avisos por correo
field-notify-email-hint = Un solo mensaje por tanda con las respuestas, menciones, citas y decisiones que le conciernen.
notify-email-batched = Sí, agrupados
notify-email-off = No, solo en el sitio
notify-email-unknown = Elija una de las opciones.
notify-off-title = Dejar de recibir avisos por correo
notify-off-explain = Dejará de recibir por correo los avisos de respuestas, menciones, citas y decisiones de moderación. Seguirá viéndolos en la página de notificaciones.
notify-off-submit = Dejar de recibir estos correos
notify-off-done = Listo: ya no le enviaremos avisos por correo.
notify-off-already = Los avisos por correo ya están desactivados para esta cuenta.
notify-off-settings = Cambiarlo en los ajustes
thread-unopened = Nuevo
thread-new-posts = { $count ->
    [one] 1 nuevo
   *[other] { $count } nuevos
  }
welcome-title = Le damos la bienvenida
welcome-signed-in = Su dirección de correo quedó confirmada y su sesión está iniciada: ya puede escribir.
welcome-signed-out = Su dirección de correo quedó confirmada. Para escribir, inicie sesión en este navegador.
welcome-next = Para empezar
welcome-rules = Lea las normas de convivencia
welcome-rules-why = son pocas, y la moderación las cita cada vez que decide algo, en un registro público
welcome-boards = Elija un foro
welcome-boards-why = ciberseguridad, neutralidad de la red, educación, políticas públicas y más; lea los hilos recientes, responda o abra uno nuevo
welcome-digests = Reciba resúmenes por correo
welcome-digests-why = diarios o semanales, de los foros que elija, para seguir la conversación sin entrar cada día
welcome-notifications = Decida qué avisos quiere
welcome-notifications-why = le avisamos cuando le responden, le mencionan o le citan; puede recibirlos también por correo
stakeholder-government = Gobierno
stakeholder-private_sector = Sector privado
stakeholder-civil_society = Sociedad civil
stakeholder-academia = Academia
stakeholder-technical_community = Comunidad técnica
stakeholder-intergovernmental = Organismo intergubernamental
label-verified = verificado
label-declared = declarado
settings-sector = Sector
settings-sector-explain = Indique, si quiere, el grupo y la organización en cuyo nombre participa. Se muestra junto a su nombre como «declarado»; pasa a «verificado» cuando confirma una dirección de trabajo de un dominio que la administración reconoce para ese grupo, o cuando la administración lo verifica.
settings-sector-none = Sin sector declarado.
settings-sector-current = Su etiqueta:
settings-sector-pending = Esperando la confirmación de { $email }.
settings-sector-submit = Guardar el sector
settings-affiliation-submit = Enviar el enlace de confirmación
field-stakeholder = Grupo
field-stakeholder-none = Ninguno
field-organization = Organización
field-organization-hint = Opcional, hasta 100 caracteres.
field-work-email = Dirección de trabajo
field-work-email-hint = Le enviaremos un enlace. Si cambia de grupo o de organización, la verificación se pierde.
stakeholder-unknown = Elija uno de los grupos de la lista.
organization-too-long = La organización admite hasta 100 caracteres.
affiliation-no-group = Declare primero su grupo y guárdelo.
affiliation-domain-unlisted = Ese dominio no está reconocido para su grupo. Use la dirección de su organización o pida a la administración que lo añada.
flash-sector-saved = Sector guardado.
flash-affiliation-sent = Le enviamos un enlace a su dirección de trabajo.
flash-affiliation-verified = Su etiqueta está verificada.
affiliation-conflict-title = No se pudo verificar
affiliation-conflict-body = El dominio de esa dirección ya no está reconocido para su grupo, o cambió su grupo. Revise su sector en Ajustes.
