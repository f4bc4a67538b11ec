import type { FormText } from './form-text-en.ts';

/** Spanish words of the request form and thank-you page (usted, plain words). */
export const es: FormText = {
  title: 'Pida que nuestro equipo le llame',
  description:
    'Pida que nuestro equipo le contacte sobre la neuroplastia para el dolor de espalda o cuello. Formulario breve y privado; respondemos en un día hábil.',
  intro:
    'Cuéntenos un poco sobre usted y su dolor, y una coordinadora de pacientes se comunicará con usted. Toma unos 3 minutos.',
  privacy: 'Sus respuestas son privadas: las protegemos con cifrado en cuanto nos llegan.',
  emergency: 'Este formulario no es para emergencias. Si tiene una emergencia, llame al 911.',
  requiredNote:
    'Las preguntas marcadas como “obligatorio” se deben contestar. Las demás puede dejarlas en blanco.',
  required: 'obligatorio',
  aboutYou: 'Sobre usted',
  reachYou: 'Cómo comunicarnos con usted',
  aboutPain: 'Sobre su dolor',
  more: 'Algo más',
  contactHint: 'Denos un número de teléfono, un correo electrónico o los dos.',
  privacyLink: 'Lea nuestro aviso de privacidad (se abre en otra pestaña)',
  send: 'Enviar mi solicitud',
  honeypot: 'Deje esto en blanco',
  summaryTitle: 'Revise estas respuestas',
  errorPrefix: 'Error:',
  errorTitlePrefix: 'Error: ',
  callUs: 'Llámenos al',
  notices: {
    notOpen:
      'Nuestro formulario en línea todavía no está abierto, así que no podemos recibir solicitudes por aquí. Por favor, llámenos.',
    notOpenKept:
      'No pudimos enviar su solicitud: nuestro formulario en línea todavía no está abierto. Sus respuestas siguen abajo. Por favor, llámenos.',
    unavailable:
      'No pudimos guardar su solicitud en este momento. Sus respuestas siguen abajo. Espere un minuto y oprima “Enviar mi solicitud” otra vez, o llámenos.',
    expired:
      'Esta página estuvo abierta mucho tiempo, así que envíela otra vez. Sus respuestas siguen abajo: revíselas y oprima “Enviar mi solicitud”.',
    tooFast: 'Fue muy rápido. Revise sus respuestas abajo y oprima “Enviar mi solicitud” otra vez.',
    rateLimited: (minutes) =>
      `Recibimos muchos formularios desde su conexión en los últimos minutos. Sus respuestas siguen abajo. Espere ${minutes} minutos y envíelo otra vez, o llámenos.`,
    powRequired:
      'Estamos recibiendo una cantidad inusual de solicitudes, así que su dispositivo debe hacer una breve revisión automática antes de enviar. Sus respuestas siguen abajo: oprima “Enviar mi solicitud” otra vez. Si esto se repite, active JavaScript o llámenos.',
    checking: 'Revisando antes de enviar. Esto toma unos segundos…',
  },
  sent: {
    title: 'Recibimos su solicitud',
    heading: 'Gracias. Recibimos su solicitud.',
    reference: 'Su número de referencia es',
    referenceHint: 'Guárdelo por si nos llama.',
    nextHeading: 'Qué sigue',
    next: (p) => {
      const how = p.method
        ? {
            phone: 'Le llamaremos',
            text: 'Le enviaremos un mensaje de texto',
            email: 'Le escribiremos un correo electrónico',
          }[p.method]
        : 'Nos comunicaremos con usted';
      const when = p.window
        ? ` ${{ morning: 'por la mañana', afternoon: 'por la tarde', evening: 'por la noche' }[p.window]}`
        : '';
      const hours = p.askedOutsideHours
        ? ` Usted pidió ${{ morning: 'la mañana', afternoon: 'la tarde', evening: 'la noche' }[p.askedOutsideHours]}, pero nuestro equipo trabaja solo en nuestro horario de atención, así que le contactaremos en ese horario.`
        : '';
      return `${how}${when}, a más tardar el ${p.by}.${hours}`;
    },
    nextGeneric: 'Nos comunicaremos con usted en un día hábil.',
    sooner: '¿Quiere hablar antes? Llámenos al',
    another: 'Enviar una solicitud para otra persona',
  },
};
