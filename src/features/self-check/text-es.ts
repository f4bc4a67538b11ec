import type { SelfCheckText } from './text-en.ts';

/** Words of the self-check, Spanish (usted); the same keys as text-en.ts. */
export const es: SelfCheckText = {
  title: '¿Me puede ayudar la neuroplastia? Autoevaluación privada',
  description:
    'Conteste unas preguntas cortas para saber si vale la pena preguntar por la neuroplastia. Es privado: no guardamos sus respuestas.',
  heading: '¿Me puede ayudar la neuroplastia?',
  intro: 'Conteste unas preguntas cortas. Verá si vale la pena preguntar por este tratamiento.',
  privacy:
    'Sus respuestas son privadas. Solo sirven para mostrarle su resultado. No las guardamos. Nuestro equipo no las ve, a menos que usted decida enviarlas con una solicitud.',
  notDiagnosis: 'Esto no es un diagnóstico. Solo un médico puede decidir si este tratamiento es para usted.',
  emergency: 'Si tiene una emergencia, llame al 911.',
  start: 'Empezar',
  questionOf: (n: number, total: number) => `Pregunta ${n} de ${total}`,
  next: 'Siguiente',
  back: 'Atrás',
  showResult: 'Ver mi resultado',
  required: 'Conteste esta pregunta, por favor.',
  summaryTitle: 'Conteste estas preguntas, por favor',
  errorPrefix: 'Error:',
  expired:
    'Esta página estuvo abierta mucho tiempo. Sus respuestas siguen abajo. Oprima “Ver mi resultado” otra vez.',
  rateLimited: 'Recibimos muchas respuestas desde su conexión. Espere unos minutos y pruebe otra vez.',
  questions: {
    'warning-signs': {
      label: '¿Tiene ahora alguna de estas cosas?',
      hint: 'Elija todas las que tenga.',
      options: {
        'bladder-bowel': 'No puede controlar la orina o el intestino, y esto es nuevo',
        'groin-numbness': 'Siente la ingle dormida',
        'leg-weakness': 'Sus piernas están débiles y cada vez más',
        fever: 'Tiene fiebre y dolor de espalda a la vez',
        none: 'Ninguna de estas',
      },
    },
    'pain-place': {
      label: '¿Dónde le duele más?',
      hint: 'Si el dolor empieza en la espalda o el cuello y baja a un brazo o una pierna, elija dónde empieza.',
      options: {
        'low-back': 'En la parte baja de la espalda',
        'mid-back': 'En la mitad de la espalda',
        neck: 'En el cuello',
        elsewhere: 'En otra parte',
      },
    },
    'pain-duration': {
      label: '¿Cuánto tiempo lleva con este dolor?',
      hint: '',
      options: {
        'under-3-months': 'Menos de 3 meses',
        '3-to-12-months': 'De 3 a 12 meses',
        '1-to-5-years': 'De 1 a 5 años',
        'over-5-years': 'Más de 5 años',
      },
    },
    'pain-spreads': {
      label: '¿El dolor baja a un brazo o a una pierna?',
      hint: '',
      options: { yes: 'Sí', no: 'No', unsure: 'No sé' },
    },
    'past-surgery': {
      label: '¿Le han operado de la espalda o del cuello?',
      hint: '',
      options: { yes: 'Sí', no: 'No' },
    },
    tried: {
      label: '¿Qué ha probado para este dolor?',
      hint: 'Elija todo lo que haya probado.',
      options: {
        medication: 'Medicinas para el dolor',
        'physical-therapy': 'Terapia física',
        injections: 'Inyecciones epidurales (cerca de la columna)',
        'spinal-cord-stimulator': 'Un estimulador de la médula',
        'pain-pump': 'Una bomba para el dolor',
        none: 'Nada de esto todavía',
      },
    },
    safety: {
      label: '¿Tiene ahora alguna de estas cosas?',
      hint: 'Elija todas las que tenga. Si no está seguro o segura, elíjala.',
      options: {
        infection: 'Tengo una infección',
        bleeding: 'Sangro con facilidad, o tomo algo para hacer la sangre más líquida',
        pregnancy: 'Estoy embarazada, o puede que lo esté',
        allergy: 'Tengo alergia al tinte de rayos X o a una medicina',
        'face-down': 'Me cuesta o es peligroso para mí estar boca abajo',
        none: 'Ninguna de estas',
      },
    },
  },
  urgent: {
    title: 'Busque atención urgente ahora',
    heading: 'Busque atención urgente ahora',
    text: 'Lo que nos dice puede ser señal de un problema grave. Necesita atención ya.',
    call: 'Llame al 911',
    room: 'O vaya ahora a la sala de emergencias más cercana. No espere a que le llamemos.',
    youChose: 'Usted nos dijo:',
  },
  worthAsking: {
    title: 'Puede valer la pena preguntar',
    heading: 'Puede valer la pena preguntar por este tratamiento',
    why: 'Por qué se lo decimos:',
    reasons: {
      'after-surgery':
        'Le han operado de la espalda o del cuello. Este tratamiento se creó para el dolor que sigue después de una cirugía de espalda.',
      'into-limb':
        'Su dolor baja a un brazo o a una pierna. Este tipo de dolor de los nervios fue lo primero que se trató así.',
      'stimulator-or-pump':
        'Ha probado un estimulador o una bomba para el dolor. Los médicos también lo usan cuando eso no ayudó lo bastante.',
      'care-tried':
        'Ha probado otros tratamientos, como medicinas, terapia o inyecciones. Este tratamiento se usa casi siempre cuando eso no ayudó lo bastante.',
    },
    doctorWants: 'El médico querrá saber:',
    wants: [
      'Dónde le duele y desde cuándo',
      'Qué ha probado y cuánto le ayudó',
      'Si le han operado de la espalda o del cuello',
      'Todas las medicinas que toma, también las que hacen la sangre más líquida',
      'Todas sus alergias',
    ],
    requestHeading: 'Pida que le llamemos',
    include: 'Añadir mis respuestas a mi solicitud',
    includeHint:
      'Si marca esta casilla, la solicitud mostrará sus respuestas para que las revise antes de enviarla. Si no la marca, no se envían.',
    request: 'Pedir que me llamen',
  },
  doctorFirst: {
    title: 'Hable primero con su médico',
    heading: (about: string) => `Hable primero con su médico sobre ${about}`,
    about: {
      infection: 'su infección',
      bleeding: 'el sangrado o las medicinas para la sangre',
      pregnancy: 'un posible embarazo',
      allergy: 'su alergia',
      'face-down': 'estar boca abajo',
    },
    why: 'Por qué se lo decimos:',
    concerns: {
      infection: 'Tiene una infección. Este tratamiento no se hace mientras tenga una.',
      bleeding:
        'Sangra con facilidad o toma algo para la sangre. El médico debe saberlo antes. Nunca deje esa medicina por su cuenta: sus médicos lo deciden juntos.',
      pregnancy:
        'Está o puede estar embarazada. Este tratamiento usa rayos X, así que no se hace en el embarazo.',
      allergy:
        'Tiene alergia al tinte de rayos X o a una medicina. Este tratamiento usa tinte y varias medicinas. El médico debe saber todas sus alergias.',
      'face-down':
        'Le cuesta estar boca abajo. Para este tratamiento se acuesta boca abajo. Pregunte si se puede hacer sin peligro.',
    },
    next: 'Pregunte a su médico de ahora sobre esto. También puede llamarnos con sus dudas.',
  },
  otherFirst: {
    title: 'Suelen venir antes otros tratamientos',
    heading: 'Suelen venir antes otros tratamientos',
    why: 'Por qué se lo decimos:',
    reasons: {
      'not-spine':
        'No le duele sobre todo la espalda o el cuello. Este tratamiento es para el dolor de espalda y de cuello. Su médico le dirá qué le puede ayudar.',
      'nothing-tried':
        'Aún no ha probado otros tratamientos. Este se usa casi siempre solo cuando otros no ayudaron lo bastante.',
    },
    whatFirst: 'Lo que suele venir antes:',
    first: ['Medicinas para el dolor', 'Terapia física', 'Inyecciones epidurales (cerca de la columna)'],
    comeBack: 'Si eso no le ayuda lo bastante, vuelva a hacer esta autoevaluación o llámenos.',
  },
  callUs: 'Llámenos al',
  startAgain: 'Empezar de nuevo',
};
