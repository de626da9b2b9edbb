// liquidjs: templates with filters, loops, conditionals and custom filters.
const { Liquid } = require('liquidjs');
const engine = new Liquid();
engine.registerFilter('shout', (v) => String(v).toUpperCase() + '!');
module.exports = {
  render: async () => engine.parseAndRender('Hello {{ user.name | capitalize }}! {% for i in items %}[{{ forloop.index }}:{{ i | times: 2 }}]{% endfor %} {% if n > 3 %}big{% else %}small{% endif %} {{ "x" | shout }}',
    { user: { name: 'ann' }, items: [1, 2, 3], n: 5 }),
  filters: async () => engine.parseAndRender('{{ "a,b,c" | split: "," | join: "-" }} {{ 3.14159 | round: 2 }} {{ "now" | size }} {{ list | sort | first }} {{ "<b>" | escape }} {{ "2024-03-05T10:00:00Z" | date: "%Y/%m/%d" }} {{ obj | json }}',
    { list: [3, 1, 2], obj: { k: [1] } }),
  sync: () => engine.parseAndRenderSync('{% assign x = "y" %}{{ x }}{% capture c %}cap{% endcapture %}{{ c }}{% case 2 %}{% when 2 %}two{% endcase %}'),
  error: async () => {
    try { await engine.parseAndRender('{% if %}'); } catch (e) { return e.name + ': ' + e.message.split(',')[0]; }
    return 'no error';
  },
};
