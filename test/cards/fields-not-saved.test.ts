import { describe, expect, it } from 'vitest';
import { fieldsNotSavedText } from '../../shared/custom-field-create';

describe('the message naming custom fields that were not saved', () => {
  it('puts no second period after a label that ends in one', () => {
    expect(fieldsNotSavedText('de', ['Kategorie', 'Ticket-Nr.'], 'Der Dienst antwortet nicht.')).toBe(
      'Erstellt, aber diese Felder wurden nicht gespeichert: Kategorie, Ticket-Nr. Der Dienst antwortet nicht.',
    );
    expect(fieldsNotSavedText('en', ['Ref.'], 'Try again.')).toBe(
      'Created, but these fields were not saved: Ref. Try again.',
    );
  });

  it('keeps a period inside a label and ends labels without one with a period', () => {
    expect(fieldsNotSavedText('en', ['No. of seats', 'Margin (%)'], 'Try again.')).toBe(
      'Created, but these fields were not saved: No. of seats, Margin (%). Try again.',
    );
  });
});
