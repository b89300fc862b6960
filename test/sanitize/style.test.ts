import { describe, expect, it } from 'vitest';
import { filterStyle } from '../../shared/sanitize/policy';

describe('filterStyle', () => {
  it.each([
    ['color: #C00000; FONT-WEIGHT: bold', 'color:#C00000;font-weight:bold'],
    ['color: red !important', 'color:red'],
    ["font-family: 'Segoe UI', Aptos, sans-serif", "font-family:'Segoe UI', Aptos, sans-serif"],
    [
      'background-color: rgb(217, 234, 211); color: hsla(0, 100%, 50%, .5)',
      'background-color:rgb(217, 234, 211);color:hsla(0, 100%, 50%, .5)',
    ],
    ['margin: 0 0 12px 0; padding: 2px 3px', 'margin:0 0 12px 0;padding:2px 3px'],
    ['margin-top: -200px; color: red', 'color:red'],
    ['display: none', ''],
    ['display: block', 'display:block'],
    ['position: fixed; top: 0; left: 0; z-index: 9999; opacity: 0', ''],
    ['visibility: hidden; transform: scale(9); filter: blur(0)', ''],
    ['background: url(https://t.example/p.gif)', ''],
    ['background: #D9E2F3', 'background:#D9E2F3'],
    ['color: expression(alert(1))', ''],
    ['width: calc(100% + 9999px); height: var(--x)', ''],
    ['/**/color: red', ''],
    ['col\\6fr: red; color: re\\64', ''],
    ['color: red}body{background:red', ''],
    ['behavior: url(x.htc); -moz-binding: url(x)', ''],
    ['content: "x"; cursor: pointer', ''],
    ['toString: x; __proto__: y; constructor: z', ''],
  ])('%s → %s', (input, expected) => {
    expect(filterStyle(input)).toBe(expected);
    expect(filterStyle(filterStyle(input))).toBe(expected);
  });
});
