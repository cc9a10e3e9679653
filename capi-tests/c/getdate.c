/* curl_getdate: a list of hand-picked date strings (the formats HTTP uses, other orders,
 * time zones, edges of the calendar and of the parser, garbage), then every combination of a
 * set of date pieces in two orders. Each line prints the input and the time_t returned.
 * (NULL is not tried: libcurl 7.88.1 crashes on it.) */
#include "testutil.h"

static void show(const char *s)
{
  time_t now = 0;
  /* The second argument is ignored; pass a real pointer every other time. */
  static int n;
  time_t t = curl_getdate(s, (n++ & 1) ? &now : NULL);
  print_quoted("date", s, strlen(s));
  printf("  -> %lld\n", (long long)t);
}

static const char *const fixed[] = {
  /* The three HTTP formats. */
  "Sun, 06 Nov 1994 08:49:37 GMT",
  "Sunday, 06-Nov-94 08:49:37 GMT",
  "Sun Nov  6 08:49:37 1994",
  /* Time zones by name and by offset. */
  "Sun, 06 Nov 1994 08:49:37 UTC",
  "Sun, 06 Nov 1994 08:49:37 UT",
  "Sun, 06 Nov 1994 08:49:37 PST",
  "Sun, 06 Nov 1994 08:49:37 pdt",
  "Sun, 06 Nov 1994 08:49:37 CEST",
  "Sun, 06 Nov 1994 08:49:37 NZDT",
  "Sun, 06 Nov 1994 08:49:37 IDLW",
  "Sun, 06 Nov 1994 08:49:37 Z",
  "Sun, 06 Nov 1994 08:49:37 A",
  "Sun, 06 Nov 1994 08:49:37 M",
  "Sun, 06 Nov 1994 08:49:37 N",
  "Sun, 06 Nov 1994 08:49:37 Y",
  "Sun, 06 Nov 1994 08:49:37 J",
  "Sun, 06 Nov 1994 08:49:37 XYZ",
  "Sun, 06 Nov 1994 08:49:37 +0100",
  "Sun, 06 Nov 1994 08:49:37 -0100",
  "Sun, 06 Nov 1994 08:49:37 +0530",
  "Sun, 06 Nov 1994 08:49:37 +1400",
  "Sun, 06 Nov 1994 08:49:37 -1400",
  "Sun, 06 Nov 1994 08:49:37 +1401",
  "Sun, 06 Nov 1994 08:49:37 +2359",
  "Sun, 06 Nov 1994 08:49:37 +100",
  "Sun, 06 Nov 1994 08:49:37 +01:00",
  "Sun, 06 Nov 1994 08:49:37 GMT+1",
  "Sun, 06 Nov 1994 08:49:37 GMT-0100",
  "Sun, 06 Nov 1994 08:49:37 GMT GMT",
  "Sun, 06 Nov 1994 08:49:37 +0100 GMT",
  "+0100 Sun, 06 Nov 1994 08:49:37",
  "Nov 6 1994+0100",
  "Nov 6 1994 ++0100",
  "Nov 6 1994 1200",
  /* Case, spacing and separators. */
  "sun, 06 nov 1994 08:49:37 gmt",
  "SUNDAY, 06 NOV 1994 08:49:37 GMT",
  "  Sun,   06   Nov   1994   08:49:37   GMT  ",
  "Sun,06Nov1994 08:49:37GMT",
  "Sunday06Nov1994",
  "06Nov1994",
  "Nov061994",
  "Sun/06/Nov/1994/08:49:37/GMT",
  "\tSun,\r\n06 Nov 1994",
  /* Other orders, missing pieces. */
  "06 Nov 1994 08:49:37 GMT",
  "06 Nov 1994",
  "Nov 6 1994",
  "1994 Nov 6",
  "Nov 1994 6",
  "6 1994 Nov",
  "08:49:37 Nov 6 1994",
  "Nov 6 08:49 1994",
  "Nov 6 1994 8:9:7",
  "Nov 6 1994 8:9",
  "Nov 6 1994",
  "Nov 1994",
  "6 Nov",
  "Sun, 08:49:37 GMT",
  "1994",
  "08:49:37",
  "Sun",
  "Nov",
  "GMT",
  /* Numbers only. */
  "19941106",
  "19941106 08:49:37",
  "20230315 12:00 +0100",
  "2023-03-15",
  "2023-03-15T12:00:00Z",
  "2023-03-15 12:00:00",
  "15/03/2023",
  "03/15/2023",
  "1994-11-06",
  "94-11-06",
  "1 2 3",
  "6 11 1994",
  "20230001",
  "20231301",
  "20230100",
  "20230132",
  "00000000",
  "99991231",
  "12345678",
  "123456789",
  "2023031",
  /* Two-digit years and the calendar's edges. */
  "Nov 6 70",
  "Nov 6 71",
  "Nov 6 69",
  "Nov 6 99",
  "Nov 6 00",
  "Nov 6 0",
  "Nov 6 100",
  "Nov 6 1582",
  "Nov 6 1583",
  "Sat, 01 Jan 1583 00:00:00 GMT",
  "Fri, 31 Dec 1582 23:59:59 GMT",
  "Thu, 01 Jan 1970 00:00:00 GMT",
  "Thu, 01 Jan 1970 00:00:01 GMT",
  "Wed, 31 Dec 1969 23:59:59 GMT",
  "Wed, 31 Dec 1969 23:59:58 GMT",
  "Thu, 01 Jan 1970 01:00:00 +0100",
  "Thu, 01 Jan 1970 00:59:59 +0100",
  "Tue, 19 Jan 2038 03:14:07 GMT",
  "Tue, 19 Jan 2038 03:14:08 GMT",
  "Fri, 31 Dec 9999 23:59:59 GMT",
  "Sun, 6 Nov 2147483647 08:49:37",
  "Sun, 6 Nov 2147483648 08:49:37",
  "Sun, 6 Nov 99999999999999999999 08:49:37",
  /* Days, months and times out of range. */
  "Tue, 29 Feb 2000 12:00:00 GMT",
  "Thu, 29 Feb 2001 12:00:00 GMT",
  "Sun, 31 Apr 2001 12:00:00 GMT",
  "Sun, 00 Apr 2001 12:00:00 GMT",
  "Sun, 31 Dec 2001 12:00:00 GMT",
  "Sun, 32 Dec 2001 12:00:00 GMT",
  "Sun, 06 Nov 1994 23:59:59 GMT",
  "Sun, 06 Nov 1994 24:00:00 GMT",
  "Sun, 06 Nov 1994 23:60:00 GMT",
  "Sun, 06 Nov 1994 23:59:60 GMT",
  "Sun, 06 Nov 1994 23:59:61 GMT",
  "Sun, 06 Nov 1994 99:99:99 GMT",
  /* Odd time stamps. */
  "Nov 6 1994 12:30:",
  "Nov 6 1994 12:",
  "Nov 6 1994 12:ab",
  "Nov 6 1994 12: 30",
  "Nov 6 1994 12:\t30",
  "Nov 6 1994 12:+3",
  "Nov 6 1994 12:-3",
  "Nov 6 1994 12:-3:+4",
  "Nov 6 1994 1:2:-3",
  "Nov 6 1994 123:45",
  "Nov 6 1994 12:345",
  "Nov 6 1994 12:34:567",
  "Nov 6 1994 12:34:56:78",
  "Nov 6 1994 08:49:37.123",
  "12:30 Nov 6 1994 13:40",
  "Nov 6 1994 12:30 13:40:50",
  /* Repeated or unknown pieces. */
  "Sun Sun, 06 Nov 1994",
  "Sun Mon, 06 Nov 1994",
  "Nov Nov 6 1994",
  "Nov Dec 6 1994",
  "6 6 Nov 1994",
  "Nov 6 1994 1994",
  "Nov 6 1994 1 2 3 4 5 6 7",
  "Sun Nov 6 1994 08:49:37 GMT trailing",
  "Sun Nov 6 08:49:37 GMT 1994 trailing",
  "Sun, 06 Nov 1994 08:49:37 GMT extra words here",
  "abcdefghijklmnopqrstuvwxyzabcdefghijk 6 Nov 1994",
  "Novembre 6 1994",
  "November 6 1994",
  "Sundays, 06 Nov 1994",
  "Thurs, 06 Nov 1994",
  "Wednesday, 06 Nov 1994",
  "Wednesdayy, 06 Nov 1994",
  /* Garbage. */
  "",
  " ",
  "garbage",
  "0",
  "-1",
  "+",
  ":",
  "::::",
  "\xc3\xa5 Nov 6 1994",
  "Nov\xff" "6 1994",
  "now",
  "today",
  "1 day ago",
};

int main(void)
{
  static const char *const wday[] = {"", "Sun, ", "Sunday "};
  static const char *const mday[] = {"6", "06", "31", "0", "32"};
  static const char *const mon[] = {"Nov", "feb"};
  static const char *const year[] = {"1994", "94", "70", "2038", "1583", "1500", "99999"};
  static const char *const tod[] = {"", "08:49:37", "8:49", "23:59:60", "24:00:00", "7:5:3",
                                    "12:61"};
  static const char *const zone[] = {"", "GMT", "EST", "CEST", "+0100", "-0930", "+1500",
                                     "X", "Q"};
  char buf[128];
  size_t i, a, b, c, d, e, f;
  int order;

  for(i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
    show(fixed[i]);

  for(order = 0; order < 2; order++)
    for(a = 0; a < sizeof(wday) / sizeof(wday[0]); a++)
      for(b = 0; b < sizeof(mday) / sizeof(mday[0]); b++)
        for(c = 0; c < sizeof(mon) / sizeof(mon[0]); c++)
          for(d = 0; d < sizeof(year) / sizeof(year[0]); d++)
            for(e = 0; e < sizeof(tod) / sizeof(tod[0]); e++)
              for(f = 0; f < sizeof(zone) / sizeof(zone[0]); f++) {
                if(order == 0)
                  snprintf(buf, sizeof(buf), "%s%s %s %s %s %s", wday[a], mday[b], mon[c],
                           year[d], tod[e], zone[f]);
                else
                  snprintf(buf, sizeof(buf), "%s%s %s %s %s %s", wday[a], mon[c], mday[b],
                           tod[e], year[d], zone[f]);
                show(buf);
              }
  return 0;
}
