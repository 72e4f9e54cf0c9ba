import type { Address, GeoPoint, StreetRef } from './address.schema.js';

/** One address suggestion while a user types an arrest location. */
export interface AddressSuggestion {
  /** Provider id to resolve the suggestion with `geocode`'s sibling `lookup`. */
  id: string;
  /** Dutch display text, e.g. "Bolstraat 1, 3581WS Utrecht". */
  label: string;
  /** Present when the provider returns a position with the suggestion. */
  point?: GeoPoint;
}

/** A typed address resolved to a position. */
export interface GeocodedAddress {
  label: string;
  point: GeoPoint;
}

export interface AddressQueryOptions {
  /** Only addresses with a residential purpose (incl. mixed use and objects without a purpose). */
  residentialOnly?: boolean;
}

/** The middle of a local address set and a few of its streets: where the map opens, what a user may try. */
export interface AddressExtent {
  centre: GeoPoint;
  city: string;
  /** Up to ten street names of `city`, nearest the centre first. */
  streets: string[];
}

/**
 * Where addresses come from: a local BAG extract in embedded mode, PDOK in production.
 * Every method speaks WGS84 and domain types; distances are geodesic on WGS84.
 */
export interface AddressSource {
  /** Every address within `radiusM` metres of at least one of the points. */
  within(points: readonly GeoPoint[], radiusM: number, options?: AddressQueryOptions): Promise<Address[]>;
  /** Every address on the given streets, wherever on the street it lies. */
  onStreets(streets: readonly StreetRef[], options?: AddressQueryOptions): Promise<Address[]>;
  /** Suggestions for a partly typed address (autocomplete). */
  suggest(text: string, limit?: number): Promise<AddressSuggestion[]>;
  /** The position of a typed address or a suggestion id; null when it does not resolve. */
  geocode(textOrId: string): Promise<GeocodedAddress | null>;
  /** A local extract's middle and example streets; absent where the source covers the whole country (PDOK). */
  extent?(): AddressExtent | undefined;
}

/** One HTML document (already containing every page) to print. */
export interface PdfRenderRequest {
  html: string;
  /** Expected page count, so the renderer can verify that page breaks held. */
  pages?: number;
}

/** A document to print and hand out as a download, under the file name the person will see. */
export interface PdfLinkRequest extends PdfRenderRequest {
  /** Plain file name for the download, e.g. `wijkberichten-2026-05-04.pdf`; never personal data. */
  fileName: string;
}

/** Where a rendered PDF can be downloaded for a short while. */
export interface PdfLink {
  url: string;
  expiresInSeconds: number;
}

/**
 * Renders print-ready HTML to an A4 PDF. Locally Chromium via playwright-core; in AWS a separate Lambda
 * function with Chromium for Lambda.
 */
export interface PdfRenderer {
  render(request: PdfRenderRequest): Promise<Uint8Array>;
  /**
   * Renders and hands out a short-lived download link instead of the bytes. Offered where the bytes cannot
   * travel back through the web function: behind API Gateway a response is capped at 6 MB, and 700
   * letters can be more than that.
   */
  renderLink?(request: PdfLinkRequest): Promise<PdfLink>;
  /**
   * Renders straight into the files storage at `key` (a key below `letters/`), where the PDF function
   * writes it: the bytes never pass through the web function. Offered by the AWS renderer.
   */
  renderToFile?(request: PdfRenderRequest, key: string): Promise<{ pages: number; bytes: number }>;
  close(): Promise<void>;
}
