import { ValidationError } from '../errors.js';
import {
  analyseSmsText,
  LINK_PLACEHOLDER,
  type SmsTextAnalysis,
  STOP_PLACEHOLDER,
  withOptOutLine,
} from './sms-text.js';

export const MIN_VARIANTS = 1;
export const MAX_VARIANTS = 10;
/** More segments than this is refused: the message gets expensive and phones start to split it visibly. */
export const MAX_SEGMENTS = 3;
/** A link length that covers the platform's short links with room to spare, for checks without settings. */
export const DEFAULT_MAX_LINK_LENGTH = 40;

export type VariantIssueCode =
  | 'too_few'
  | 'too_many'
  | 'duplicate_id'
  | 'duplicate_text'
  | 'empty'
  | 'link_missing'
  | 'link_repeated'
  | 'unknown_placeholder'
  | 'too_long'
  | 'too_many_segments'
  | 'multi_segment'
  | 'ucs2';

export interface VariantIssue {
  code: VariantIssueCode;
  level: 'error' | 'warning';
  /** Dutch, for the editor. */
  message: string;
  variantId: string | null;
}

export interface VariantReport {
  variantId: string;
  analysis: SmsTextAnalysis;
  issues: VariantIssue[];
}

export interface VariantsReport {
  ok: boolean;
  variants: VariantReport[];
  /** Every issue, campaign-level ones (variantId null) first. */
  issues: VariantIssue[];
}

interface VariantInput {
  id: string;
  label?: string;
  text: string;
}

function describe(variant: VariantInput, index: number): string {
  return variant.label?.trim() ? `Variant "${variant.label.trim()}"` : `Variant ${index + 1}`;
}

/** A variant's text analysed as it is sent: with the opt-out line, both links at their longest. */
export function analyseVariantText(text: string, options: { linkLength: number }): SmsTextAnalysis {
  return analyseSmsText(withOptOutLine(text), options);
}

function checkVariant(variant: VariantInput, index: number, linkLength: number): VariantReport {
  const name = describe(variant, index);
  const analysis = analyseVariantText(variant.text, { linkLength });
  const issues: VariantIssue[] = [];
  const issue = (code: VariantIssueCode, level: VariantIssue['level'], message: string) =>
    issues.push({ code, level, message, variantId: variant.id });
  if (variant.text.trim().length === 0) {
    issue('empty', 'error', `${name} is leeg. Schrijf een tekst of verwijder de variant.`);
    return { variantId: variant.id, analysis, issues };
  }
  if (analysis.linkPlaceholders === 0) {
    issue(
      'link_missing',
      'error',
      `${name} bevat geen ${LINK_PLACEHOLDER}. Zet ${LINK_PLACEHOLDER} op de plek waar de link naar de hulpwebsite moet komen.`,
    );
  } else if (analysis.linkPlaceholders > 1) {
    issue(
      'link_repeated',
      'error',
      `${name} bevat ${LINK_PLACEHOLDER} ${analysis.linkPlaceholders} keer. Gebruik ${LINK_PLACEHOLDER} precies één keer.`,
    );
  }
  const stray = variant.text.replaceAll(LINK_PLACEHOLDER, '').match(/\{[^{}]{0,40}\}/);
  if (stray !== null) {
    issue(
      'unknown_placeholder',
      'error',
      `${name} bevat "${stray[0]}". Alleen ${LINK_PLACEHOLDER} wordt ingevuld; andere tekst tussen { } zou letterlijk verstuurd worden.`,
    );
  }
  if (analysis.segments > MAX_SEGMENTS) {
    const maxChars = analysis.encoding === 'GSM-7' ? 3 * 153 : 3 * 67;
    const tooLong = analysis.length > 2 * maxChars;
    issue(
      tooLong ? 'too_long' : 'too_many_segments',
      'error',
      `${name} is ${analysis.length} tekens lang (met de link en de afmeldregel meegeteld) en wordt ${analysis.segments} sms-delen. ` +
        `Een bericht mag hoogstens ${MAX_SEGMENTS} delen zijn, dat is ongeveer ${maxChars} tekens` +
        (analysis.encoding === 'UCS-2' ? ' zolang er speciale tekens in staan' : '') +
        '. Maak de tekst korter.',
    );
  } else if (analysis.segments > 1) {
    issue(
      'multi_segment',
      'warning',
      `${name} wordt ${analysis.segments} sms-delen; elk deel kost apart. Een tekst van één deel komt ook beter over.`,
    );
  }
  if (analysis.encoding === 'UCS-2') {
    const chars = analysis.nonGsmCharacters
      .map((c) => (c.char.trim() === '' ? c.codePoint : c.char))
      .join(' ');
    issue(
      'ucs2',
      'warning',
      `${name} bevat tekens die de sms duurder maken (${chars}). Gebruik de voorgestelde vervanging.`,
    );
  }
  return { variantId: variant.id, analysis, issues };
}

/**
 * Checks the message variants of an SMS campaign and reports, per variant, what the editor should show.
 *
 * Errors block submission for approval; warnings (more than one segment, UCS-2) only inform, because
 * they cost money but do not make the message wrong.
 */
export function validateVariants(
  variants: readonly VariantInput[],
  options: { linkLength: number } = { linkLength: DEFAULT_MAX_LINK_LENGTH },
): VariantsReport {
  const campaignIssues: VariantIssue[] = [];
  if (variants.length < MIN_VARIANTS) {
    campaignIssues.push({
      code: 'too_few',
      level: 'error',
      message: 'Voeg minstens één berichtvariant toe.',
      variantId: null,
    });
  }
  if (variants.length > MAX_VARIANTS) {
    campaignIssues.push({
      code: 'too_many',
      level: 'error',
      message: `Er zijn ${variants.length} varianten; hoogstens ${MAX_VARIANTS} zijn toegestaan.`,
      variantId: null,
    });
  }
  const ids = new Set<string>();
  const texts = new Map<string, number>();
  const reports = variants.map((variant, index) => {
    const report = checkVariant(variant, index, options.linkLength);
    if (ids.has(variant.id)) {
      report.issues.unshift({
        code: 'duplicate_id',
        level: 'error',
        message: `${describe(variant, index)} heeft dezelfde code als een andere variant.`,
        variantId: variant.id,
      });
    }
    ids.add(variant.id);
    const normalised = variant.text.trim().replace(/\s+/g, ' ');
    const earlier = texts.get(normalised);
    if (earlier !== undefined && normalised.length > 0) {
      report.issues.push({
        code: 'duplicate_text',
        level: 'warning',
        message: `${describe(variant, index)} is gelijk aan variant ${earlier + 1}.`,
        variantId: variant.id,
      });
    } else {
      texts.set(normalised, index);
    }
    return report;
  });
  const issues = [...campaignIssues, ...reports.flatMap((r) => r.issues)];
  return { ok: issues.every((i) => i.level !== 'error'), variants: reports, issues };
}

/**
 * Throws a ValidationError carrying the first error in Dutch when the variants cannot be submitted.
 *
 * Used by the state machine on submit, so that no route can send a variant the editor would refuse.
 */
export function assertVariantsValid(
  variants: readonly VariantInput[],
  options: { linkLength: number },
): VariantsReport {
  const report = validateVariants(variants, options);
  const errors = report.issues.filter((i) => i.level === 'error');
  const first = errors[0];
  if (first !== undefined) {
    throw new ValidationError(`Variants refused: ${first.code}`, {
      userMessage:
        errors.length === 1
          ? first.message
          : `${first.message} (en nog ${errors.length - 1} andere fout${errors.length === 2 ? '' : 'en'})`,
      context: { code: first.code, variantId: first.variantId, errors: errors.length },
    });
  }
  return report;
}

/**
 * The text exactly as the phone shows it: the opt-out line added, the placeholders replaced by the tracked
 * link and the stop link that will be sent.
 *
 * The dispatcher and the previews both use this, so the preview cannot differ from what goes out.
 */
export function renderSmsText(text: string, links: { link: string; stop: string }): string {
  return withOptOutLine(text)
    .replace(LINK_PLACEHOLDER, () => links.link)
    .replace(STOP_PLACEHOLDER, () => links.stop);
}
