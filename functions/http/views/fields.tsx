import type { Child } from 'hono/jsx';

/**
 * One labelled text-like input (text, date, time, number, color) on the NL Design System: the label is
 * always tied to the input, and a hint, when given, is announced with it.
 */
export const TextField = (props: {
  id: string;
  name: string;
  label: Child;
  type?: 'text' | 'date' | 'time' | 'number' | 'color' | 'email';
  value?: string;
  hint?: string;
  required?: boolean;
  maxlength?: number;
  step?: string;
}) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={props.id}>
      {props.label}
    </label>
    {props.hint ? (
      <p class="utrecht-form-field-description" id={`${props.id}-uitleg`}>
        {props.hint}
      </p>
    ) : null}
    <input
      class="utrecht-textbox utrecht-textbox--html-input"
      id={props.id}
      name={props.name}
      type={props.type ?? 'text'}
      {...(props.value !== undefined ? { value: props.value } : {})}
      {...(props.required ? { required: true } : {})}
      {...(props.maxlength !== undefined ? { maxlength: props.maxlength } : {})}
      {...(props.step !== undefined ? { step: props.step } : {})}
      {...(props.hint ? { 'aria-describedby': `${props.id}-uitleg` } : {})}
    />
  </div>
);

/** One labelled checkbox, label after the box as the design system shows it. */
export const CheckboxField = (props: {
  id: string;
  name: string;
  value: string;
  label: Child;
  checked?: boolean;
}) => (
  <div class="utrecht-form-field utrecht-form-field--checkbox">
    <input
      type="checkbox"
      class="utrecht-checkbox utrecht-checkbox--html-input"
      id={props.id}
      name={props.name}
      value={props.value}
      {...(props.checked ? { checked: true } : {})}
    />
    <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.id}>
      {props.label}
    </label>
  </div>
);
