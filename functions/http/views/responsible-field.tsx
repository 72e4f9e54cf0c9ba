import { ROLE_LABELS } from '../../core/auth/roles.js';
import type { User } from '../../core/users/user.schema.js';

/**
 * The case's responsible manager: the colleague who decides on its wijkberichten. Shown in every form that
 * opens a case; the creator is preselected.
 */
export const ResponsibleManagerField = (props: { colleagues: User[]; selected: string }) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for="zaak-verantwoordelijke">
      Verantwoordelijke manager
    </label>
    <p class="utrecht-form-field-description" id="zaak-verantwoordelijke-uitleg">
      Beslist over de goedkeuring van de wijkberichten van deze zaak. Wie een wijkbericht voorbereidt, kan het
      niet zelf goedkeuren.
    </p>
    <select
      class="utrecht-select utrecht-select--html-select"
      id="zaak-verantwoordelijke"
      name="responsibleUserId"
      aria-describedby="zaak-verantwoordelijke-uitleg"
    >
      {props.colleagues.map((u) => (
        <option value={u.id} selected={props.selected === u.id}>
          {u.displayName} ({u.roles.map((r) => ROLE_LABELS[r]).join(', ')})
        </option>
      ))}
    </select>
  </div>
);
