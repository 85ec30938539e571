# Reply by email: the hint in notification and watch emails, and the email that explains a
# reply that was not posted.
reply-by-email-hint = Puede responder a este correo: su respuesta se publicará en «{ $title }», como respuesta al mensaje más reciente de este aviso. Escriba encima del texto citado; los adjuntos no se publican.
reply-refused-subject = Su respuesta por correo a «{ $title }» no se publicó
reply-refused-intro = Recibimos una respuesta por correo a «{ $title }» a su nombre, pero no se publicó.
reply-refused-reason = Motivo:
reply-refused-text = Esto es lo que escribió, por si quiere publicarlo desde la web:
reply-refused-action = Abrir el hilo
reply-refused-why = Recibe este aviso porque alguien respondió a un correo de Tertulia con su dirección de respuesta. Enviamos como mucho un aviso así al día.
reply-refused-wrong-sender = El correo no llegó desde la dirección de su cuenta. Solo publicamos respuestas enviadas desde esa dirección; si escribe desde otra, cámbiela en su configuración.
reply-refused-empty = No encontramos texto nuevo: solo la cita del mensaje original o una firma.
reply-refused-too-large = El correo supera el tamaño máximo de 10 MB. Los adjuntos no se publican: responda solo con texto.
reply-refused-suspended = Su cuenta está suspendida: no puede publicar mientras dure la suspensión.
reply-refused-banned = Su cuenta fue expulsada del foro.
reply-refused-unverified = Su dirección de correo aún no está confirmada. Confírmela con el enlace que le enviamos.
reply-refused-rate = Publicó demasiados mensajes en poco tiempo. Espere unos minutos y vuelva a intentarlo.
reply-refused-gone = El hilo o el mensaje al que responde ya no está publicado.
reply-refused-other = No se pudo publicar como respuesta.
