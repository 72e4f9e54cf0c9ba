import { type CountryCode, Metadata, type NumberType } from 'libphonenumber-js/max';

/**
 * What the fast path knows for sure about a number key: its E.164 form, libphonenumber's type (never
 * undefined here) and its country. Anything it is not sure about it leaves to libphonenumber itself.
 */
export interface FastClassification {
  e164: string;
  nationalNumber: string;
  type: Exclude<NumberType, undefined>;
  country: CountryCode;
}

/** libphonenumber-js' own bounds on a national significant number (constants.js). */
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;

/** The order in which libphonenumber-js' `getNumberType` tries the types after FIXED_LINE. */
const NON_FIXED_LINE_TYPES = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

type TypeName = 'FIXED_LINE' | (typeof NON_FIXED_LINE_TYPES)[number];

/** The parts of libphonenumber-js' Metadata class we read; its typings expose only a few of them. */
interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface NumberingPlan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  type(type: TypeName): TypeDefinition | undefined;
}
interface MetadataReader {
  hasCountry(country: string): boolean;
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  selectNumberingPlan(countryOrCallingCode: string): MetadataReader;
  numberingPlan: NumberingPlan;
}

interface CompiledType {
  name: TypeName;
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

/** One country's numbering plan with its regular expressions compiled once. */
interface Plan {
  country: CountryCode;
  callingCode: string;
  national: RegExp;
  /** Leading digits that claim a number for this country among those sharing its calling code. */
  leadingDigits: RegExp | undefined;
  /** The plan's possible lengths of a national number, as `checkNumberLength` reads them. */
  lengths: readonly number[] | undefined;
  /** Anchored at the start, as libphonenumber applies it; undefined when the plan has no national prefix. */
  nationalPrefix: RegExp | undefined;
  fixedLine: CompiledType | undefined;
  /** How getNumberType answers when FIXED_LINE matches (it depends only on the plan and the number). */
  mobile: CompiledType | undefined;
  mobileMissing: boolean;
  mobileEmpty: boolean;
  others: CompiledType[];
}

function whole(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function compileType(plan: NumberingPlan, name: TypeName): CompiledType | undefined {
  const definition = plan.type(name);
  const pattern = definition?.pattern();
  if (!definition || !pattern) return undefined;
  return { name, pattern: whole(pattern), lengths: definition.possibleLengths() };
}

function matchesType(nationalNumber: string, type: CompiledType | undefined): boolean {
  if (!type) return false;
  if (type.lengths && !type.lengths.includes(nationalNumber.length)) return false;
  return type.pattern.test(nationalNumber);
}

/**
 * libphonenumber-js' number classification, replayed on its own metadata with every regular expression
 * compiled once, for the number keys (`+` and digits, or digits) whose parse has exactly one outcome.
 * Why: libphonenumber-js compiles a fresh RegExp for every pattern it tries and copies its options per
 * call, which makes it spend most of an upload's time re-doing the same work for a million numbers.
 * The replay covers the shapes that fill real contact lists: "+<calling code><national number>", also
 * with a national prefix ("+31 (0)6...") when the calling code has one country, and "<national
 * prefix><national number>" or a bare national number in a default region with a calling code of its own.
 * It answers only for numbers that have a type; everything else (invalid numbers, national prefixes with
 * a shared calling code, non-geographic codes, carrier codes, prefix transform rules) returns undefined
 * and goes through libphonenumber itself.
 * The results are identical by construction and checked against libphonenumber in the unit tests.
 */
export class FastClassifier {
  private readonly metadata = new Metadata() as unknown as MetadataReader;
  private readonly plans = new Map<string, Plan | null>();
  /**
   * Per calling code: the plans of its countries, main country first; null when libphonenumber must decide,
   * 'none' when the digits are no calling code.
   */
  private readonly callingCodes: (Plan[] | null | 'none' | undefined)[] = new Array(
    10 ** MAX_LENGTH_COUNTRY_CODE,
  );
  private readonly region: Plan | undefined;
  private readonly regionIdd: RegExp | undefined;

  constructor(region: CountryCode) {
    const plan = this.metadata.hasCountry(region) ? this.planFor(region) : undefined;
    // A region whose calling code other countries share would need libphonenumber's country choice.
    if (plan && this.metadata.getCountryCodesForCallingCode(plan.callingCode)?.length === 1) {
      this.region = plan;
      this.regionIdd = new RegExp(this.metadata.selectNumberingPlan(region).numberingPlan.IDDPrefix());
    }
  }

  /** The classification of a number key (see `numberKey`), or undefined when libphonenumber must decide. */
  classify(key: string): FastClassification | undefined {
    if (key.charCodeAt(0) === 43 /* + */) return this.international(key);
    return this.national(key);
  }

  private international(key: string): FastClassification | undefined {
    if (key.charCodeAt(1) === 48 /* 0 */) return undefined;
    // Calling codes never start with 0, so their numeric values tell codes of different lengths apart.
    let code = 0;
    for (let end = 2; end - 1 <= MAX_LENGTH_COUNTRY_CODE && end <= key.length; end++) {
      code = code * 10 + key.charCodeAt(end - 1) - 48;
      const plans = this.callingCode(code);
      if (plans === 'none') continue;
      if (!plans) return undefined;
      const digits = key.slice(end);
      if (plans.length === 1) return this.withNationalPrefix(plans[0]!, digits, key);
      // Several countries share the code: libphonenumber strips a national prefix with the main country's
      // rules and then picks the country; that combination stays with libphonenumber.
      if (plans[0]!.nationalPrefix?.test(digits)) return undefined;
      const plan = countryByNationalNumber(plans, digits);
      return plan && this.typed(plan, digits, key);
    }
    return undefined;
  }

  private national(key: string): FastClassification | undefined {
    const plan = this.region;
    if (!plan) return undefined;
    // Digits that start with the IDD prefix or the region's own calling code are read as international.
    if (key.search(this.regionIdd!) === 0 || key.startsWith(plan.callingCode)) return undefined;
    return this.withNationalPrefix(plan, key);
  }

  /**
   * libphonenumber's `extractNationalNumber` for a country of its own calling code: a national prefix is
   * stripped when what remains is a possible number. The fast path answers only when it is, and when the
   * stripped number has a type (so it matches the national pattern, as libphonenumber also demands).
   */
  private withNationalPrefix(plan: Plan, digits: string, e164?: string): FastClassification | undefined {
    const prefix = plan.nationalPrefix?.exec(digits);
    if (!prefix) return this.typed(plan, digits, e164);
    // Carrier codes and transform rules (Argentina, Brazil, Mexico, ...) stay with libphonenumber.
    if (prefix.length > 1) return undefined;
    const nationalNumber = digits.slice(prefix[0].length);
    if (plan.lengths !== undefined && !plan.lengths.includes(nationalNumber.length)) return undefined;
    return this.typed(plan, nationalNumber);
  }

  /** `e164`: the key itself when it is "+<calling code><national number>" already. */
  private typed(plan: Plan, nationalNumber: string, e164?: string): FastClassification | undefined {
    if (nationalNumber.length < MIN_LENGTH_FOR_NSN || nationalNumber.length > MAX_LENGTH_FOR_NSN)
      return undefined;
    const type = numberType(plan, nationalNumber);
    if (type === undefined) return undefined;
    return {
      e164: e164 ?? `+${plan.callingCode}${nationalNumber}`,
      nationalNumber,
      type,
      country: plan.country,
    };
  }

  /** The first prefix that is a calling code decides, as in libphonenumber's `extractCountryCallingCode`. */
  private callingCode(code: number): Plan[] | null | 'none' {
    let plans = this.callingCodes[code];
    if (plans === undefined) {
      const callingCode = String(code);
      if (!this.metadata.hasCallingCode(callingCode)) plans = 'none';
      else {
        // Non-geographic codes (+800, +882, ...) have no countries: libphonenumber decides those.
        const countries = this.metadata.getCountryCodesForCallingCode(callingCode) ?? [];
        const compiled = countries.map((country) => this.planFor(country));
        plans =
          compiled.length > 0 && compiled.every((plan) => plan !== undefined) ? (compiled as Plan[]) : null;
      }
      this.callingCodes[code] = plans;
    }
    return plans;
  }

  private planFor(country: string): Plan | undefined {
    let plan = this.plans.get(country);
    if (plan === undefined) {
      plan = compilePlan(this.metadata.selectNumberingPlan(country).numberingPlan, country as CountryCode);
      this.plans.set(country, plan);
    }
    return plan ?? undefined;
  }
}

/** `getNumberType` of libphonenumber-js, step by step, for a national number in a known plan. */
function numberType(plan: Plan, nationalNumber: string): FastClassification['type'] | undefined {
  if (!plan.national.test(nationalNumber)) return undefined;
  if (matchesType(nationalNumber, plan.fixedLine)) {
    if (plan.mobileEmpty || plan.mobileMissing || matchesType(nationalNumber, plan.mobile))
      return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  if (matchesType(nationalNumber, plan.mobile)) return 'MOBILE';
  for (const other of plan.others) if (matchesType(nationalNumber, other)) return other.name;
  return undefined;
}

/**
 * libphonenumber's `getCountryByNationalNumber`: the first country, main country first, whose leading
 * digits start the number, or (for a country without leading digits) whose patterns give it a type.
 */
function countryByNationalNumber(plans: readonly Plan[], nationalNumber: string): Plan | undefined {
  for (const plan of plans) {
    if (plan.leadingDigits) {
      if (nationalNumber.search(plan.leadingDigits) === 0) return plan;
    } else if (numberType(plan, nationalNumber) !== undefined) return plan;
  }
  return undefined;
}

function compilePlan(plan: NumberingPlan, country: CountryCode): Plan | null {
  // A transform rule rewrites the national number (libphonenumber prepends area codes with it).
  if (plan.nationalPrefixTransformRule()) return null;
  const prefix = plan.nationalPrefixForParsing();
  const mobile = plan.type('MOBILE');
  return {
    country,
    callingCode: plan.callingCode(),
    national: whole(plan.nationalNumberPattern()),
    lengths: plan.possibleLengths(),
    leadingDigits: plan.leadingDigits() ? new RegExp(plan.leadingDigits()!) : undefined,
    nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    fixedLine: compileType(plan, 'FIXED_LINE'),
    mobile: compileType(plan, 'MOBILE'),
    mobileMissing: !mobile,
    mobileEmpty: mobile !== undefined && mobile.pattern() === '',
    others: NON_FIXED_LINE_TYPES.slice(1).flatMap((name) => compileType(plan, name) ?? []),
  };
}
