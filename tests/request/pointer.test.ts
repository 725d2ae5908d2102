// JSON pointers into a request: parsing (RFC 6901 escapes), checking against the request schema, setting.
import test from 'ava';
import {
  checkNumericPointer,
  getPointer,
  parsePointer,
  PointerError,
  setPointer,
} from '../../src/request/pointer.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';

test('parses tokens and unescapes ~1 and ~0', (t) => {
  t.deepEqual(parsePointer('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
  t.deepEqual(parsePointer(''), []);
  t.throws(() => parsePointer('composition/MG'), { instanceOf: PointerError, message: /must start with \// });
  t.throws(() => parsePointer('/a~2'), { instanceOf: PointerError, message: /~ not followed/ });
});

test('accepts numeric fields of the request schema, with indices, * and the isothermal alias', (t) => {
  t.is(checkNumericPointer('/composition/MG'), '/composition/MG');
  t.is(
    checkNumericPointer('/temperature_profile/temperatures_celsius/2'),
    '/temperature_profile/temperatures_celsius/2',
  );
  t.is(
    checkNumericPointer('/config/interfacial_energy/MG5SI6_B_DP'),
    '/config/interfacial_energy/MG5SI6_B_DP',
  );
  t.is(checkNumericPointer('/isothermal_temperature_celsius'), '/temperature_profile/temperatures_celsius/*');
  t.is(checkNumericPointer('/max_points'), '/max_points');
});

test('rejects pointers to unknown or non-numeric fields, saying which token', (t) => {
  t.throws(() => checkNumericPointer('/composition/ZN'), {
    message: /\/composition has no field 'ZN'; known: MG, SI/,
  });
  t.throws(() => checkNumericPointer('/composition_unit'), { message: /not a numeric field.*string/ });
  t.throws(() => checkNumericPointer('/temperature_profile'), { message: /not a numeric field.*object/ });
  t.throws(() => checkNumericPointer('/temperature_profile/temperatures_celsius/x'), {
    message: /is an array: 'x' is neither an index nor \*/,
  });
});

test('sets one place, every element with *, and creates absent objects', (t) => {
  const doc = structuredClone(KAWIN_EXAMPLE_03) as Record<string, unknown>;
  t.is(setPointer(doc, '/isothermal_temperature_celsius', 190), 3);
  t.deepEqual(getPointer(doc, '/temperature_profile/temperatures_celsius'), [190, 190, 190]);
  t.is(setPointer(doc, '/temperature_profile/time_points_hours/1', 4), 1);
  t.deepEqual(getPointer(doc, '/temperature_profile/time_points_hours'), [0, 4, 17]);
  t.is(setPointer(doc, '/config/interfacial_energy/MGSI_B_P', 0.2), 1);
  t.is(getPointer(doc, '/config/interfacial_energy/MGSI_B_P'), 0.2);
  t.throws(() => setPointer(doc, '/temperature_profile/temperatures_celsius/5', 1), {
    message: /index 5 is past the end of an array of 3/,
  });
});
