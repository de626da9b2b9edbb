// date-fns with fixed dates (the machine runs in UTC, as Node did when recording).
const { format, addDays, differenceInDays, parseISO, formatDistance, isValid, startOfWeek, formatISO, subMonths, eachDayOfInterval, isAfter } = require('date-fns');
const d = parseISO('2024-02-27T13:45:00Z');
module.exports = {
  format: () => [format(d, 'yyyy-MM-dd HH:mm'), format(d, 'EEEE, MMMM do yyyy'), format(addDays(d, 3), 'yyyy-MM-dd'), formatISO(subMonths(d, 1))].join(' | '),
  math: () => [differenceInDays(parseISO('2024-03-10'), d), formatDistance(d, parseISO('2024-03-10T00:00:00Z')), isValid(new Date('nope')), startOfWeek(d).toISOString(),
    eachDayOfInterval({ start: d, end: addDays(d, 3) }).length, isAfter(d, parseISO('2024-01-01'))].join(' | '),
};
