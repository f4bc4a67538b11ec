/**
 * Words of the self-check, English; Spanish in text-es.ts must supply the same keys (the type
 * enforces it). Facts from the research file only (see rules.ts for the rule behind each reason).
 */
export const en = {
  title: 'Could neuroplasty help me? A private self-check',
  description:
    'Answer a few short questions to see if neuroplasty may be worth asking about. Private: we do not keep your answers.',
  heading: 'Could neuroplasty help me?',
  intro: 'Answer a few short questions. You will see if this treatment may be worth asking about.',
  privacy:
    'Your answers stay private. They are used only to show your result. We do not keep them, and our staff do not see them unless you choose to send them with a request.',
  notDiagnosis: 'This is not a diagnosis. Only a doctor can decide if this treatment is right for you.',
  emergency: 'If you have an emergency, call 911.',
  start: 'Start the self-check',
  questionOf: (n: number, total: number) => `Question ${n} of ${total}`,
  next: 'Next',
  back: 'Back',
  showResult: 'Show my result',
  required: 'Please answer this question.',
  summaryTitle: 'Please answer these questions',
  errorPrefix: 'Error:',
  expired:
    'This page was open a long time. Your answers are still below. Please press “Show my result” again.',
  rateLimited: 'We got many answers from your connection just now. Please wait a few minutes and try again.',
  questions: {
    'warning-signs': {
      label: 'Do you have any of these right now?',
      hint: 'Choose all that apply.',
      options: {
        'bladder-bowel': 'New trouble controlling your bladder or bowels',
        'groin-numbness': 'Numbness in your groin',
        'leg-weakness': 'Weakness in your legs that is getting worse fast',
        fever: 'A fever along with your back pain',
        none: 'None of these',
      },
    },
    'pain-place': {
      label: 'Where is your pain mainly?',
      hint: 'If it starts in your back or neck and goes into an arm or leg, choose where it starts.',
      options: {
        'low-back': 'Lower back',
        'mid-back': 'Middle of the back',
        neck: 'Neck',
        elsewhere: 'Somewhere else',
      },
    },
    'pain-duration': {
      label: 'How long have you had this pain?',
      hint: '',
      options: {
        'under-3-months': 'Less than 3 months',
        '3-to-12-months': '3 to 12 months',
        '1-to-5-years': '1 to 5 years',
        'over-5-years': 'More than 5 years',
      },
    },
    'pain-spreads': {
      label: 'Does the pain go down into an arm or a leg?',
      hint: '',
      options: { yes: 'Yes', no: 'No', unsure: 'I am not sure' },
    },
    'past-surgery': {
      label: 'Have you had surgery on your back or neck?',
      hint: '',
      options: { yes: 'Yes', no: 'No' },
    },
    tried: {
      label: 'What have you tried for this pain?',
      hint: 'Choose all that apply.',
      options: {
        medication: 'Pain medicine',
        'physical-therapy': 'Physical therapy',
        injections: 'Epidural injections (shots near the spine)',
        'spinal-cord-stimulator': 'A spinal cord stimulator',
        'pain-pump': 'A pain pump',
        none: 'None of these yet',
      },
    },
    safety: {
      label: 'Do any of these apply to you now?',
      hint: 'Choose all that apply. If you are not sure, choose it.',
      options: {
        infection: 'I have an infection',
        bleeding: 'I have a bleeding problem, or I take a blood thinner',
        pregnancy: 'I am pregnant, or I might be',
        allergy: 'I am allergic to x-ray dye or to a medicine',
        'face-down': 'It is hard or unsafe for me to lie on my stomach',
        none: 'None of these',
      },
    },
  },
  urgent: {
    title: 'Get urgent care now',
    heading: 'Get urgent care now',
    text: 'What you told us can be a sign of a serious problem. It needs care right away.',
    call: 'Call 911',
    room: 'Or go to the nearest emergency room now. Do not wait for a call from us.',
    youChose: 'You told us about:',
  },
  worthAsking: {
    title: 'This may be worth asking about',
    heading: 'This may be worth asking about',
    why: 'Why we say this:',
    reasons: {
      'after-surgery':
        'You have had surgery on your back or neck. This treatment was first made for pain that lasts after back surgery.',
      'into-limb':
        'Your pain goes into an arm or a leg. Nerve pain like this is what the treatment was first used for.',
      'stimulator-or-pump':
        'You have tried a stimulator or a pain pump. Doctors also use this treatment when those did not help enough.',
      'care-tried':
        'You have tried other care, like medicine, physical therapy or shots. This treatment is most often used when care like that did not help enough.',
    },
    doctorWants: 'The doctor will want to know:',
    wants: [
      'Where your pain is, and how long you have had it',
      'What you have tried, and how much it helped',
      'Any surgery on your back or neck',
      'Every medicine you take, blood thinners too',
      'Every allergy you have',
    ],
    requestHeading: 'Ask us to call you',
    include: 'Add my answers to my request',
    includeHint:
      'If you check this box, the request form shows your answers so you can check them before you send it. If you do not, they are not sent.',
    request: 'Request a call back',
  },
  doctorFirst: {
    title: 'Talk to your doctor first',
    heading: (about: string) => `Talk to your doctor first about ${about}`,
    about: {
      infection: 'your infection',
      bleeding: 'bleeding or blood thinners',
      pregnancy: 'a possible pregnancy',
      allergy: 'your allergy',
      'face-down': 'lying on your stomach',
    },
    why: 'Why we say this:',
    concerns: {
      infection: 'You have an infection. This treatment is not done while you have one.',
      bleeding:
        'You have a bleeding problem or take a blood thinner. The doctor must know this first. Never stop a blood thinner on your own: your doctors decide together.',
      pregnancy:
        'You are or may be pregnant. This treatment uses x-rays, so it is not done during pregnancy.',
      allergy:
        'You are allergic to x-ray dye or a medicine. This treatment uses dye and some medicines, so the doctor must know every allergy.',
      'face-down':
        'Lying on your stomach is hard for you. For this treatment you lie face down, so ask if it can be done safely.',
    },
    next: 'Ask the doctor who treats you now about this. You can call us with questions too.',
  },
  otherFirst: {
    title: 'Other treatments usually come first',
    heading: 'Other treatments usually come first',
    why: 'Why we say this:',
    reasons: {
      'not-spine':
        'Your pain is not mainly in your back or neck. This treatment is for back and neck pain. Your doctor can tell you what may help.',
      'nothing-tried':
        'You have not tried other care yet. This treatment is most often used only when other care did not help enough.',
    },
    whatFirst: 'What usually comes first:',
    first: ['Pain medicine', 'Physical therapy', 'Epidural injections (shots near the spine)'],
    comeBack: 'If these do not help enough, come back and take the self-check again, or call us.',
  },
  callUs: 'Call us at',
  startAgain: 'Start again',
};

export type SelfCheckText = typeof en;
