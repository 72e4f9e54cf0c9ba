import type { AreaMapModel } from '../../../app/area-map.js';
import type { LetterAreaModel } from '../../../app/letter-pages.js';
import { streetKey } from '../../../core/letters/address.schema.js';
import type { LetterSelection } from '../../../core/letters/letter-records.schema.js';
import type { AddressExtent } from '../../../core/letters/ports.js';
import { MAP_LEGEND } from '../area-map.js';
import { CsrfField } from '../layout.js';
import { Legend, LetterSteps, Messages, streetValue } from '../letters.js';
import { type Column, DataTable } from '../table.js';

type StreetRow = { row: LetterSelection['rows'][number]; index: number };

const streetColumns = (ticked: ReadonlySet<string>): Column<StreetRow>[] => [
  {
    header: 'Brief',
    cell: ({ row, index }) => (
      <input
        type="checkbox"
        class="utrecht-checkbox utrecht-checkbox--html-input"
        id={`straat-${index}`}
        name="straat"
        value={streetValue(row)}
        checked={ticked.has(streetKey(row))}
        data-within={String(row.within_radius)}
        data-street={String(row.on_street)}
      />
    ),
  },
  {
    header: 'Straat',
    cell: ({ row, index }) => (
      <label for={`straat-${index}`}>
        {row.street}, {row.city}
      </label>
    ),
  },
  { header: 'Binnen straal', cell: ({ row }) => row.within_radius },
  { header: 'Hele straat', cell: ({ row }) => row.on_street },
];

/** The interactive map's data as JSON inside the page (not a script: the CSP runs none inline). */
function mapJson(map: AreaMapModel & { tiles: string }): string {
  const json = JSON.stringify({
    tiles: map.tiles,
    centre: map.centre,
    zoom: map.zoom,
    radius: map.radiusM,
    points: map.points,
    addresses: map.addresses,
    streets: map.streets.map((s) => ({
      name: s.street,
      value: streetValue(s),
      label: [s.label.lat, s.label.lon],
      segments: s.segments.map((segment) => segment.map((p) => [p.lat, p.lon])),
    })),
  });
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Which streets the address set has, so a person knows what to type (the demo town is invented). */
const ExtentHint = ({ extent }: { extent: AddressExtent }) => {
  const [first] = extent.streets;
  const town = extent.city.replace(/\s*\(.*\)\s*$/, '');
  return (
    <p class="utrecht-paragraph muted" id="straten-hint">
      Straten in het adressenbestand, in {extent.city}: {extent.streets.join(', ')}.
      {first ? ` Bijvoorbeeld: "${first} 1, ${town}".` : ''}
    </p>
  );
};

/**
 * The area page: the arrest locations and radius, the map (a click places a location, a click on a street
 * ticks it) and the streets to tick on or off. Without JavaScript the map is a server-rendered SVG whose
 * click adds a location through a form.
 */
export const LetterAreaPage = (props: {
  model: LetterAreaModel;
  map: AreaMapModel & { tiles: string; svg: boolean };
  extent: AddressExtent | undefined;
  csrf: string;
  error?: string;
  notice?: string;
  /** What was typed, shown again when saving the area failed. */
  typed?: { locations: string[]; radius: string };
}) => {
  const { model, csrf, error, notice, typed, map, extent } = props;
  const { campaign, selection } = model;
  const shown = typed ? typed.locations : (selection?.points.map((p) => p.label) ?? []);
  const slots = [...shown, '', ''].slice(0, Math.max(3, shown.length + 1));
  const ticked = new Set(selection?.streets.map(streetKey) ?? []);
  return (
    <>
      <h1 class="utrecht-heading-1">Gebied en straten</h1>
      <LetterSteps campaign={campaign} current="gebied" />
      <Messages error={error} notice={notice} />
      <form method="post" action={`/wijkberichten/${campaign.id}/gebied`} class="utrecht-form area-form">
        <CsrfField token={csrf} />
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">Locaties van de aanhoudingen</legend>
          <p class="utrecht-paragraph muted" id="locatie-hulp">
            Een adres (straat, huisnummer, plaats) of coördinaten als breedtegraad, lengtegraad, of klik op de
            kaart.
          </p>
          {extent ? <ExtentHint extent={extent} /> : null}
          {slots.map((value, i) => (
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for={`locatie-${i + 1}`}>
                Locatie {i + 1}
              </label>
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                id={`locatie-${i + 1}`}
                name="locatie"
                value={value}
                autocomplete="off"
                aria-describedby={extent ? 'locatie-hulp straten-hint' : 'locatie-hulp'}
                data-suggest="/wijkberichten/adressen"
              />
            </div>
          ))}
        </fieldset>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="straal">
            Straal in meters (hoogstens {model.maxRadiusMetres})
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="straal"
            name="straal"
            type="number"
            min={1}
            max={model.maxRadiusMetres}
            value={typed ? typed.radius : String(selection?.radiusM ?? model.defaultRadiusM)}
            required
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="woonadressen">
            Welke adressen
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="woonadressen" name="woonadressen">
            <option value="ja" selected={selection?.residentialOnly !== false}>
              Alleen woonadressen (ook gemengd gebruik, woonboten en woonwagens)
            </option>
            <option value="nee" selected={selection?.residentialOnly === false}>
              Alle adressen, ook winkels en kantoren
            </option>
          </select>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Straten zoeken
        </button>
      </form>
      <h2 class="utrecht-heading-2">Kaart</h2>
      <p class="utrecht-paragraph muted">
        Klik op de kaart om daar een locatie te kiezen
        {selection ? '; klik op een straat om die aan of uit te vinken' : ''}.
      </p>
      <link rel="stylesheet" href="/assets/leaflet.css" />
      <section id="kaart-interactief" class="leaflet-map" hidden aria-label="Kaart met straten" />
      <p class="utrecht-paragraph" id="kaart-melding" aria-live="polite" />
      {map.svg ? (
        <form
          method="post"
          action={`/wijkberichten/${campaign.id}/kaartpunt`}
          class="map-form"
          id="kaart-svg"
        >
          <CsrfField token={csrf} />
          <input
            type="image"
            name="kaart"
            class="area-map"
            src={`/wijkberichten/${campaign.id}/kaart.svg?v=${selection?.version ?? 'start'}`}
            alt="Kaart van het gebied met de straten en hun namen. Klik op de kaart om daar een locatie toe te voegen."
          />
        </form>
      ) : null}
      <Legend items={MAP_LEGEND} />
      <script
        type="application/json"
        id="kaart-gegevens"
        dangerouslySetInnerHTML={{ __html: mapJson(map) }}
      />
      {selection ? (
        <>
          <h2 class="utrecht-heading-2">Straten</h2>
          <form
            method="post"
            action={`/wijkberichten/${campaign.id}/straten`}
            class="utrecht-form"
            id="straten-form"
          >
            <CsrfField token={csrf} />
            <input type="hidden" name="versie" value={String(selection.version)} />
            <fieldset class="utrecht-form-fieldset">
              <legend class="utrecht-form-fieldset__legend">Welke adressen in de aangevinkte straten</legend>
              <div class="utrecht-form-field utrecht-form-field--radio">
                <input
                  type="radio"
                  class="utrecht-radio-button utrecht-radio-button--html-input"
                  id="modus-hele"
                  name="modus"
                  value="whole_streets"
                  checked={selection.mode === 'whole_streets'}
                />
                <label class="utrecht-form-label utrecht-form-label--radio" for="modus-hele">
                  Hele straten
                </label>
              </div>
              <div class="utrecht-form-field utrecht-form-field--radio">
                <input
                  type="radio"
                  class="utrecht-radio-button utrecht-radio-button--html-input"
                  id="modus-straal"
                  name="modus"
                  value="within_radius"
                  checked={selection.mode === 'within_radius'}
                />
                <label class="utrecht-form-label utrecht-form-label--radio" for="modus-straal">
                  Alleen binnen de straal
                </label>
              </div>
            </fieldset>
            <DataTable
              class="street-table"
              caption={`Straten met minstens één adres binnen ${selection.radiusM} m`}
              columns={streetColumns(ticked)}
              rows={selection.rows.map((row, index) => ({ row, index }))}
            />
            <p class="utrecht-paragraph totals" aria-live="polite" id="totalen">
              Opgeslagen: <strong>{selection.letterCount}</strong> brieven in {selection.streets.length}{' '}
              straten ({model.addressCount} adressen).
            </p>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Straatkeuze opslaan
            </button>
          </form>
        </>
      ) : (
        <p class="utrecht-paragraph">
          Nog geen gebied gekozen. Vul hierboven één of meer locaties in; de straten verschijnen daarna hier.
        </p>
      )}
      <script src="/assets/leaflet.js" defer />
      <script src="/assets/kaart.js" defer />
      <script src="/assets/wijkberichten.js" defer />
    </>
  );
};
