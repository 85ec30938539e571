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
error-method-title = Acción no permitida
error-method-body = Esta dirección no admite esa acción.
error-bad-request-title = Solicitud no válida
error-bad-request-body = No pudimos entender la solicitud. Vuelva a la página anterior e inténtelo de nuevo.
