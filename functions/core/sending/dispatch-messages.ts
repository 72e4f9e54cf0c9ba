import * as z from 'zod';

/**
 * Why the dispatcher does not claim recipients right now. `wait_*` reasons pass by themselves; `stop_*` reasons
 * need a person (or the campaign is done).
 */
export const DispatchHoldReasonSchema = z.enum([
  'paused',
  'cancelled',
  'withdrawn',
  'approval_invalid',
  'not_dispatchable',
  'before_start',
  'outside_window',
  'rate_limited',
  'cap_reached',
  'spend_limit',
  'nothing_pending',
  'no_time_left',
]);
export type DispatchHoldReason = z.infer<typeof DispatchHoldReasonSchema>;

/** Refusals that stop a whole campaign: every further message would be refused the same way. */
export const CampaignPauseCodeSchema = z.enum([
  'spend_limit',
  'invalid_request',
  'not_authorised',
  'kms_unavailable',
]);
export type CampaignPauseCode = z.infer<typeof CampaignPauseCodeSchema>;

/** What the dashboard says for each hold reason. */
export const HOLD_MESSAGES: Readonly<Record<DispatchHoldReason, string>> = {
  paused: 'De campagne is gepauzeerd.',
  cancelled: 'De campagne is geannuleerd; er worden geen berichten meer verstuurd.',
  withdrawn: 'Het OM heeft de goedkeuring ingetrokken; er worden geen berichten meer verstuurd.',
  approval_invalid:
    'De goedkeuring past niet meer bij de ontvangers of teksten, of is verlopen. Er wordt niets verstuurd.',
  not_dispatchable: 'De campagne staat niet klaar om te versturen.',
  before_start: 'De campagne start op het geplande tijdstip.',
  outside_window: 'Buiten de verzendtijden; het versturen gaat verder in het volgende verzendvenster.',
  rate_limited: 'Even wachten om binnen het ingestelde tempo te blijven.',
  cap_reached: 'Het goedgekeurde aantal berichten is bereikt.',
  spend_limit: 'Het ingestelde budget voor deze campagne is bereikt. De campagne is gepauzeerd.',
  nothing_pending: 'Er staan geen ontvangers meer klaar.',
  no_time_left: 'Deze verzendronde is bijna voorbij; de volgende ronde gaat verder.',
};

/** What the adviser reads when the provider stopped the campaign; each says nothing was sent twice. */
export const CAMPAIGN_PAUSE_MESSAGES: Readonly<Record<CampaignPauseCode, string>> = {
  spend_limit:
    'Het maandbudget voor sms bij de provider (AWS) is op. De campagne is gepauzeerd; er is niets dubbel ' +
    'verstuurd. Vraag de beheerder het budget te verhogen en hervat de campagne daarna.',
  invalid_request:
    'De sms-provider weigert de berichten van deze campagne (bijvoorbeeld de afzendernaam). De campagne is ' +
    'gepauzeerd; er is niets dubbel verstuurd. Controleer de instellingen en hervat daarna.',
  not_authorised:
    'Het platform mag op dit moment geen sms versturen via de provider (rechten of sleutels). De campagne is ' +
    'gepauzeerd; er is niets dubbel verstuurd. Neem contact op met de beheerder.',
  kms_unavailable:
    'De versleutelingssleutel voor sms is niet beschikbaar. De campagne is gepauzeerd; er is niets dubbel ' +
    'verstuurd. Neem contact op met de beheerder.',
};
