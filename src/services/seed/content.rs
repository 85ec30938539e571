//! What the demo members write: for each default board, the subjects the community of the
//! Internet Governance Forum in Guatemala keeps coming back to, in a formal register, mostly
//! in Spanish and a few threads in English.

/// One board's subjects: each thread starts with a subject (its title, with an angle) and the
/// post that opens it; replies take one or two of the points.
pub struct Topic {
    pub board: &'static str,
    pub starts: &'static [(&'static str, &'static str)],
    pub points: &'static [&'static str],
    pub starts_en: &'static [(&'static str, &'static str)],
    pub points_en: &'static [&'static str],
}

/// The six default boards' topics, in the boards' order.
pub const TOPICS: [Topic; 6] = [
    Topic {
        board: "ciberseguridad",
        starts: &[
            (
                "La iniciativa de ley contra la ciberdelincuencia",
                "La iniciativa de ley contra la ciberdelincuencia vuelve a discutirse. Varias organizaciones piden más de una ronda de comentarios públicos antes de su aprobación, para que la definición de los delitos no alcance a investigadores ni periodistas.",
            ),
            (
                "Un CSIRT nacional",
                "Durante el foro se insistió en la necesidad de un **CSIRT nacional** que coordine la respuesta a incidentes entre el sector público, los operadores y las universidades. Hoy cada institución responde por su cuenta.",
            ),
            (
                "La estrategia nacional de ciberseguridad",
                "Se propone que la estrategia nacional de ciberseguridad la redacte un comité técnico con participación de todos los sectores. Quisiera reunir aquí los puntos que cada sector considera imprescindibles.",
            ),
            (
                "La protección de niñas, niños y adolescentes en línea",
                "Las fundaciones que acompañan a sobrevivientes de violencia sexual advierten que el grooming y la sextorsión aumentan entre adolescentes. ¿Qué herramientas de denuncia funcionan en la práctica?",
            ),
            (
                "La ciberseguridad en las municipalidades",
                "Varias municipalidades sufrieron incidentes de secuestro de datos este año. Les comparto algunas preguntas para la mesa técnica sobre prevención y respaldo de la información.",
            ),
        ],
        points: &[
            "La definición de acceso ilícito debe excluir la investigación de seguridad hecha de buena fe.",
            "Un CSIRT nacional necesita un mandato claro, presupuesto propio y canales con el Ministerio Público.",
            "Los centros educativos deberían contar con un protocolo sencillo para casos de ciberacoso.",
            "La denuncia de grooming debe poder hacerse sin exponer de nuevo a la víctima.",
            "Las copias de respaldo fuera de línea evitaron lo peor en al menos dos municipios.",
            "La cooperación con los equipos de respuesta de la región acorta mucho los tiempos de atención.",
            "El texto actual no distingue entre el delito y la herramienta con que se comete.",
            "La capacitación del personal de las instituciones públicas sigue siendo la medida más rentable.",
        ],
        starts_en: &[
            (
                "The cybercrime bill",
                "The cybercrime bill is back in Congress. Several groups ask for more than one round of public comments, so that its offences do not reach security researchers or journalists.",
            ),
            (
                "A national CSIRT",
                "Speakers from across the region described how their national incident response teams started. What would a first year look like here?",
            ),
        ],
        points_en: &[
            "Good-faith security research should be explicitly protected.",
            "Reporting grooming must not expose the victim again.",
            "Regional cooperation between response teams shortens the time to recover.",
        ],
    },
    Topic {
        board: "neutralidad-de-la-red",
        starts: &[
            (
                "El plan nacional de banda ancha",
                "El plan nacional de banda ancha debe construirse con todos los sectores, **no solo con el gobierno**, y con objetivos medibles y fechados. ¿Qué metas le parecen realistas para los próximos cinco años?",
            ),
            (
                "Las ofertas de tasa cero",
                "Las ofertas de tasa cero abaratan el acceso a algunas aplicaciones, pero pueden limitar lo que las personas conocen de Internet. Quisiera conocer datos de uso en el país.",
            ),
            (
                "Las redes comunitarias en Huehuetenango",
                "Una red comunitaria en Huehuetenango lleva tres años funcionando con equipos de bajo costo y mantenimiento local. Sus promotores buscan un marco regulatorio que les permita crecer.",
            ),
            (
                "La subasta de espectro para 5G",
                "Se habla de la subasta de espectro para 5G mientras muchas comunidades todavía no tienen cobertura 4G. ¿Cómo deberían ordenarse las prioridades?",
            ),
            (
                "El bloqueo de contenidos",
                "Durante el foro se mencionaron casos de bloqueo de sitios sin orden judicial. Propongo reunir aquí los criterios que debería cumplir cualquier medida de bloqueo.",
            ),
        ],
        points: &[
            "Las redes comunitarias necesitan acceso a espectro en condiciones accesibles.",
            "Las metas de cobertura deberían publicarse como datos abiertos y revisarse cada año.",
            "Todo bloqueo debería requerir orden judicial, ser proporcional y quedar registrado.",
            "El precio del megabyte sigue siendo una barrera en el interior del país.",
            "Las obligaciones de cobertura de la subasta pueden priorizar las zonas rurales.",
            "La tasa cero no sustituye un plan de datos asequible.",
            "En Alta Verapaz la energía eléctrica es tan limitante como la conectividad.",
            "Convendría que el regulador publique mediciones independientes de calidad del servicio.",
        ],
        starts_en: &[
            (
                "Community networks",
                "Community networks in the western highlands run on low-cost equipment and local maintenance. What regulation would let them grow?",
            ),
            (
                "Zero-rating and network neutrality",
                "Zero-rating offers make some apps cheaper, but they may narrow what people know of the Internet. Are there local usage figures?",
            ),
        ],
        points_en: &[
            "Coverage targets should be published as open data and reviewed every year.",
            "Any blocking order should come from a judge and be recorded.",
            "Community networks need access to spectrum on affordable terms.",
        ],
    },
    Topic {
        board: "educacion",
        starts: &[
            (
                "Las competencias digitales de los docentes",
                "Los docentes piden formación práctica en competencias digitales, con materiales en español y en los idiomas de sus comunidades. ¿Qué experiencias conocen que hayan funcionado?",
            ),
            (
                "La desinformación en el aula",
                "La desinformación circula con rapidez en los grupos de mensajería de las familias. Propongo compartir actividades de alfabetización mediática para el aula.",
            ),
            (
                "Los contenidos en idiomas mayas",
                "Hay muy pocos contenidos educativos en k'iche', q'eqchi' o mam. Quisiera saber qué proyectos existen y cómo podrían apoyarse.",
            ),
            (
                "El uso de datos de los estudiantes",
                "Las plataformas educativas recogen muchos datos de los estudiantes, en un país sin ley de protección de datos. ¿Qué deberían exigir los centros educativos antes de adoptar una?",
            ),
            (
                "La conectividad de las escuelas rurales",
                "Muchas escuelas rurales siguen sin conexión estable. Les comparto lo que se concluyó en la sesión de educación del foro.",
            ),
        ],
        points: &[
            "La formación docente funciona mejor cuando es continua y acompañada en el centro educativo.",
            "Verificar una noticia antes de compartirla se puede practicar desde la primaria.",
            "Los contenidos en idiomas mayas deberían producirse con las propias comunidades.",
            "Los padres y madres de familia también necesitan orientación sobre seguridad en línea.",
            "Un contrato con una plataforma educativa debería limitar el uso de los datos a fines educativos.",
            "Los materiales que funcionan sin conexión son indispensables en las escuelas rurales.",
            "Las asociaciones de colegios privados podrían compartir sus protocolos con el sector público.",
            "Convendría evaluar los programas con la participación de los propios estudiantes.",
        ],
        starts_en: &[
            (
                "Teachers' digital skills",
                "Teachers ask for practical digital skills training, with materials in Spanish and in their communities' languages. What has worked elsewhere?",
            ),
            (
                "Media literacy",
                "Misinformation spreads quickly in family messaging groups. Could we share classroom activities on media literacy?",
            ),
        ],
        points_en: &[
            "Teacher training works best when it is continuous and supported in the school.",
            "Offline materials are essential for rural schools.",
            "Checking a story before sharing it can be practised from primary school.",
        ],
    },
    Topic {
        board: "politicas-publicas",
        starts: &[
            (
                "Una ley de protección de datos personales",
                "El país sigue sin una ley de protección de datos personales, y la **privacidad** fue la primera preocupación en todas las sesiones del foro. ¿Qué principios no deberían faltar en una propuesta?",
            ),
            (
                "Un grupo de trabajo permanente de políticas públicas",
                "El informe de conclusiones propone un grupo de trabajo permanente de políticas públicas, para que el trabajo continúe todo el año y no solo durante el ciclo del foro. ¿Cómo debería organizarse?",
            ),
            (
                "La consulta pública sobre la ley de ciberdelincuencia",
                "Se pidieron varias rondas de comentarios públicos sobre las iniciativas de ciberseguridad y ciberdelincuencia. Abro este hilo para reunir observaciones concretas al texto.",
            ),
            (
                "Las recomendaciones del informe del foro",
                "El informe del foro está disponible en https://example.org/informe y recoge las recomendaciones de cada línea temática. Les propongo revisar cuáles se han cumplido.",
            ),
            (
                "Los datos abiertos",
                "Varias instituciones publican datos abiertos, pero en formatos difíciles de reutilizar. ¿Qué conjuntos de datos le serían más útiles?",
            ),
        ],
        points: &[
            "Una ley de datos necesita una autoridad de control independiente.",
            "El consentimiento debería ser informado, específico y revocable.",
            "Cada ronda de consulta debería terminar con una síntesis pública de lo recibido.",
            "Es importante saber desde qué sector habla cada participante.",
            "Los conjuntos de datos abiertos deberían publicarse en formatos reutilizables y con fecha de actualización.",
            "Las medidas contra la desinformación no deben convertirse en censura.",
            "El grupo de trabajo podría reunirse cada trimestre y publicar sus actas.",
            "Convendría que el Congreso publique las versiones de cada iniciativa y sus cambios.",
        ],
        starts_en: &[
            (
                "A personal data protection law",
                "There is still no personal data protection law, and privacy was the first concern in every session of the forum. Which principles must a proposal include?",
            ),
            (
                "A standing public-policy working group",
                "The report proposes a standing public-policy working group, so that the work goes on all year. How should it be organised?",
            ),
        ],
        points_en: &[
            "A data protection law needs an independent supervisory authority.",
            "Each round of consultation should end with a public synthesis.",
            "Measures against misinformation must not become censorship.",
        ],
    },
    Topic {
        board: "transformacion-digital",
        starts: &[
            (
                "Los trámites en línea",
                "Cada vez más trámites pueden iniciarse en línea, pero casi todos terminan en una ventanilla. ¿Qué trámite le gustaría poder completar por Internet de principio a fin?",
            ),
            (
                "La digitalización de las mipymes",
                "Las mipymes que venden en línea enfrentan costos de pago electrónico y de logística muy altos. Quisiera reunir experiencias de quienes ya dieron el paso.",
            ),
            (
                "La identidad digital",
                "Un sistema de identidad digital puede facilitar mucho los servicios públicos, pero también concentra datos sensibles. ¿Qué salvaguardas deberían exigirse?",
            ),
            (
                "Los servicios digitales municipales",
                "Algunas municipalidades ya ofrecen pagos y solicitudes en línea. Propongo compartir lo que ha funcionado y lo que no.",
            ),
            (
                "La interoperabilidad entre instituciones",
                "Sin interoperabilidad, cada institución vuelve a pedir los mismos documentos. ¿Por dónde debería empezar un esfuerzo nacional?",
            ),
        ],
        points: &[
            "Un trámite digital debe seguir siendo posible para quien no tiene conexión en casa.",
            "La firma electrónica avanzada todavía es cara para las pequeñas empresas.",
            "La identidad digital debe recoger solo los datos indispensables.",
            "La interoperabilidad empieza por acordar formatos y catálogos comunes.",
            "Las personas mayores necesitan acompañamiento presencial al principio.",
            "Los pagos en línea municipales redujeron las filas de forma notable.",
            "Los contratos de nube deberían indicar dónde se guardan los datos y por cuánto tiempo.",
            "Conviene medir la satisfacción de las personas usuarias con cada servicio.",
        ],
        starts_en: &[
            (
                "Online public services",
                "Many procedures can now start online, but almost all of them end at a counter. Which one would you most like to complete online?",
            ),
            (
                "Digital identity",
                "A digital identity system can simplify public services, but it also concentrates sensitive data. Which safeguards should we ask for?",
            ),
        ],
        points_en: &[
            "A digital service must remain usable for people without a connection at home.",
            "Digital identity should collect only the data that is strictly needed.",
            "Interoperability starts with shared formats and catalogues.",
        ],
    },
    Topic {
        board: "blockchain",
        starts: &[
            (
                "Blockchain en las compras públicas",
                "Se ha propuesto registrar las compras públicas en una cadena de bloques para mejorar la transparencia. ¿Qué problema resolvería que no resuelva un portal de datos abiertos?",
            ),
            (
                "Las remesas y los criptoactivos",
                "Las remesas son una parte importante de la economía de muchas familias. Algunas empresas ofrecen enviarlas con criptoactivos; quisiera conocer sus costos y riesgos reales.",
            ),
            (
                "Las estafas con criptomonedas",
                "Aumentan las denuncias por estafas con supuestas inversiones en criptomonedas. Propongo reunir señales de alerta para difundir en las comunidades.",
            ),
            (
                "El registro de la propiedad y blockchain",
                "Un registro de la propiedad en blockchain solo es tan confiable como los datos que se registran. Les comparto las dudas que surgieron en la sesión del foro.",
            ),
        ],
        points: &[
            "Una cadena de bloques no corrige datos que se registran mal desde el origen.",
            "Las promesas de rendimientos garantizados son la primera señal de estafa.",
            "Cualquier regulación debería distinguir la tecnología de los productos financieros.",
            "La trazabilidad del café y del cardamomo podría abrir mercados a los pequeños productores.",
            "Un portal de datos abiertos bien mantenido resuelve buena parte del problema.",
            "Las personas usuarias necesitan saber a quién acudir cuando algo sale mal.",
        ],
        starts_en: &[
            (
                "Blockchain in public procurement",
                "Recording public procurement on a blockchain has been proposed for transparency. What would it solve that an open data portal does not?",
            ),
        ],
        points_en: &[
            "A blockchain does not fix data that is wrong at the source.",
            "Guaranteed returns are the first sign of a scam.",
        ],
    },
];

/// Angles that turn a subject into a thread title (`<subject>: <angle>`).
pub const ANGLES: [&str; 10] = [
    "comentarios para la consulta pública",
    "¿qué proponemos para el próximo foro?",
    "conclusiones de la sesión de este año",
    "experiencias en América Latina",
    "preguntas para la mesa técnica",
    "¿qué pueden hacer los municipios?",
    "propuestas para el informe anual",
    "dudas y fuentes confiables",
    "lo que falta por hacer",
    "una mirada desde el interior del país",
];
pub const ANGLES_EN: [&str; 4] = [
    "comments for the public consultation",
    "lessons from this year's forum",
    "experiences across Latin America",
    "questions for the working group",
];

/// How replies begin: civil, addressed with "usted".
pub const LEADS: [&str; 12] = [
    "Gracias por abrir este tema.",
    "Coincido con lo que se ha dicho y agrego un punto.",
    "Le agradezco el aporte.",
    "Respetuosamente, no estoy de acuerdo.",
    "Desde la academia, una observación.",
    "Desde el sector privado compartimos la preocupación.",
    "Escribo desde una organización de la sociedad civil.",
    "Desde la comunidad técnica, una precisión.",
    "¿Podría compartir la fuente de ese dato?",
    "En nuestro municipio la experiencia ha sido distinta.",
    "Es un buen resumen de lo discutido en el foro.",
    "Me permito complementar lo anterior.",
];
pub const LEADS_EN: [&str; 4] = [
    "Thank you for raising this.",
    "I agree, and would add one point.",
    "With respect, I see it differently.",
    "Could you share the source of that figure?",
];

/// How some posts end.
pub const CLOSINGS: [&str; 6] = [
    "¿Alguien tiene experiencias concretas que compartir?",
    "Sería útil llevar esta propuesta al grupo de trabajo.",
    "Quedo a la espera de sus comentarios.",
    "Propongo incluirlo en las recomendaciones del próximo informe.",
    "Convendría escuchar también la opinión del sector público.",
    "Agradeceré cualquier referencia adicional.",
];
pub const CLOSINGS_EN: [&str; 3] = [
    "Does anyone have concrete experiences to share?",
    "It would be worth taking this to the working group.",
    "Any further references are welcome.",
];

/// The topic of a board (an index in `TOPICS`): its own for a default board, otherwise one of
/// them by the board's position.
pub fn topic_for(slug: &str, position: usize) -> usize {
    TOPICS
        .iter()
        .position(|t| t.board == slug)
        .unwrap_or(position % TOPICS.len())
}
