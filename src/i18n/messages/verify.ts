// Messages of the shared verification pieces (src/flows/verify): the email rule no older catalogue covers.
import { defineMessages } from '../define.js';

export const verify = defineMessages(
  {
    'verify.emailRuleDomain': '「@」より後ろ（ドメイン）の書き方に誤りがあります。「.」が2つ続いていないか、「-」で始まる・終わる部分がないかご確認ください。',
  },
  {
    'verify.emailRuleDomain': 'The part after the “@” (the domain) is not written correctly: check for two dots in a row, or a part that starts or ends with “-”.',
  },
);
