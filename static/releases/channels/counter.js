/* Live character counter for per-channel versions. Same rules as releases/channels/counting.py
 * (twitter-text v3 weighting for X; characters with URLs at a reserved length for Mastodon;
 * plain characters elsewhere). Each textarea carries data-count-rule, data-count-max and, for
 * Mastodon, data-url-length; its counter is the element named by data-counter. */
(function (root) {
  "use strict";

  var LIGHT = [[0x0000, 0x10ff], [0x2000, 0x200d], [0x2010, 0x201f], [0x2032, 0x2037]];
  var PICT =
    "\\u00a9\\u00ae\\u203c\\u2049\\u2122\\u2139\\u2194-\\u2199\\u21a9\\u21aa\\u231a\\u231b\\u2328\\u23cf\\u23e9-\\u23f3" +
    "\\u23f8-\\u23fa\\u24c2\\u25aa\\u25ab\\u25b6\\u25c0\\u25fb-\\u25fe\\u2600-\\u27bf\\u2934\\u2935\\u2b05-\\u2b07" +
    "\\u2b1b\\u2b1c\\u2b50\\u2b55\\u3030\\u303d\\u3297\\u3299\\u{1f000}-\\u{1f1e5}\\u{1f200}-\\u{1faff}";
  var ELEMENT = "(?:[" + PICT + "](?!\\ufe0e)(?:\\ufe0f|[\\u{1f3fb}-\\u{1f3ff}])?)";
  var EMOJI = new RegExp(
    "(?:\\u{1f3f4}[\\u{e0020}-\\u{e007e}]+\\u{e007f}" +
      "|[\\u{1f1e6}-\\u{1f1ff}]{2}" +
      "|[0-9#*]\\ufe0f?\\u20e3" +
      "|" + ELEMENT + "(?:\\u200d" + ELEMENT + ")*)",
    "uy"
  );
  var TLDS =
    "com|net|org|info|biz|edu|gov|mil|int|name|pro|mobi|asia|tel|travel|jobs|app|dev|io|ai|xyz|online|" +
    "site|news|blog|shop|store|tech|media|page|link|click|live|world|today|web|cloud|digital|email|club|" +
    "social|video|photo|art|design|id|co|tv|me|us|uk|jp|de|fr|au|my|sg|nl|ru|cn|in|br|ca|es|it|kr|ly|be|ch";
  var W = "[\\p{L}\\p{N}_]";
  var LABEL = "[\\p{L}\\p{N}](?:(?:" + W + "|-)*[\\p{L}\\p{N}])?";
  var SUB_LABEL = W + "(?:(?:" + W + "|-)*" + W + ")?";
  var PATH = "(?:" + W + "|[\\-+&@#/%=~|$!:,.;*'()\\[\\]?])";
  var URL = new RegExp(
    "(https?:\\/\\/)?" +
      "((?:" + SUB_LABEL + "\\.)*" + LABEL + "\\.(\\p{L}{2,})|\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+\\])" +
      "(?::\\d{1,5})?" +
      "([/?#]" + PATH + "*)?",
    "giu"
  );
  var KNOWN_TLD = new RegExp("^(?:" + TLDS + ")$", "i");
  var NO_SCHEME_BEFORE = "-_./@#$";
  var TRAILING = ".,:;!?'\"*";

  function charWeight(point) {
    for (var i = 0; i < LIGHT.length; i++) {
      if (point >= LIGHT[i][0] && point <= LIGHT[i][1]) return 1;
    }
    return 2;
  }

  function isAlnum(ch) {
    return /[\p{L}\p{N}]/u.test(ch);
  }

  function punycodeLength(label) {
    // Length of "xn--" + the punycode of label (RFC 3492), enough to check the 63-octet limit.
    var input = Array.from(label.toLowerCase()).map(function (c) { return c.codePointAt(0); });
    var basic = input.filter(function (c) { return c < 0x80; });
    var output = basic.length + (basic.length ? 1 : 0);
    var n = 128, delta = 0, bias = 72, h = basic.length;
    function adapt(d, numPoints, first) {
      d = first ? Math.floor(d / 700) : d >> 1;
      d += Math.floor(d / numPoints);
      var k = 0;
      while (d > 455) { d = Math.floor(d / 35); k += 36; }
      return k + Math.floor((36 * d) / (d + 38));
    }
    while (h < input.length) {
      var m = Infinity;
      input.forEach(function (c) { if (c >= n && c < m) m = c; });
      delta += (m - n) * (h + 1);
      n = m;
      for (var j = 0; j < input.length; j++) {
        var c = input[j];
        if (c < n) delta++;
        if (c === n) {
          var q = delta;
          for (var k = 36; ; k += 36) {
            var t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
            if (q < t) break;
            output++;
            q = Math.floor((q - t) / (36 - t));
          }
          output++;
          bias = adapt(delta, h + 1, h === basic.length);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return output + 4;
  }

  function hostIsValid(host) {
    if (host.charAt(0) === "[") return true;
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) {
      return host.split(".").every(function (p) { return parseInt(p, 10) <= 255; });
    }
    return host.split(".").every(function (label) {
      var ascii = /^[\x00-\x7f]*$/.test(label);
      var length = ascii ? label.length : punycodeLength(label);
      return length > 0 && length <= 63;
    });
  }

  function trimPath(url) {
    while (url && TRAILING.indexOf(url.charAt(url.length - 1)) !== -1) url = url.slice(0, -1);
    function count(s, ch) { return s.split(ch).length - 1; }
    while (url.slice(-1) === ")" && count(url, ")") > count(url, "(")) url = url.slice(0, -1);
    return url;
  }

  function urlSpans(text) {
    var spans = [];
    URL.lastIndex = 0;
    var match;
    while ((match = URL.exec(text)) !== null) {
      var start = match.index;
      if (match[0].length === 0) { URL.lastIndex++; continue; }
      var scheme = match[1], host = match[2], tld = match[3] || "";
      if (!hostIsValid(host)) continue;
      var before = start ? text.charAt(start - 1) : "";
      if (!scheme) {
        if (before && (NO_SCHEME_BEFORE.indexOf(before) !== -1 || isAlnum(before))) continue;
        if (!/^[\x00-\x7f]*$/.test(host) || !KNOWN_TLD.test(tld)) continue;
      } else if (before && isAlnum(before)) {
        continue;
      }
      var url = match[4] ? trimPath(match[0]) : match[0];
      spans.push([start, start + url.length]);
    }
    return spans;
  }

  function xWeightedLength(text) {
    text = text.normalize("NFC");
    var starts = {};
    urlSpans(text).forEach(function (s) { starts[s[0]] = s[1]; });
    var total = 0, i = 0;
    while (i < text.length) {
      if (Object.prototype.hasOwnProperty.call(starts, i)) { total += 23; i = starts[i]; continue; }
      EMOJI.lastIndex = i;
      var emoji = EMOJI.exec(text);
      if (emoji) { total += 2; i = EMOJI.lastIndex; continue; }
      var point = text.codePointAt(i);
      total += charWeight(point);
      i += point > 0xffff ? 2 : 1;
    }
    return total;
  }

  function mastodonLength(text, urlLength) {
    var total = 0, position = 0;
    urlSpans(text).forEach(function (s) {
      if (/^https?:\/\//i.test(text.slice(s[0], s[1]))) {
        total += Array.from(text.slice(position, s[0])).length + urlLength;
        position = s[1];
      }
    });
    return total + Array.from(text.slice(position)).length;
  }

  function countFor(rule, text, urlLength) {
    if (rule === "x") return xWeightedLength(text);
    if (rule === "mastodon") return mastodonLength(text, urlLength);
    return Array.from(text).length;
  }

  function bind(doc) {
    doc.querySelectorAll("textarea[data-count-rule]").forEach(function (area) {
      var counter = doc.getElementById(area.getAttribute("data-counter"));
      var max = parseInt(area.getAttribute("data-count-max"), 10);
      var urlLength = parseInt(area.getAttribute("data-url-length") || "23", 10);
      function update() {
        var used = countFor(area.getAttribute("data-count-rule"), area.value, urlLength);
        counter.textContent = used + " / " + max;
        counter.classList.toggle("text-danger", used > max);
        counter.classList.toggle("fw-bold", used > max);
      }
      area.addEventListener("input", update);
      update();
    });
  }

  var api = { xWeightedLength: xWeightedLength, mastodonLength: mastodonLength, countFor: countFor };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.humasCounter = api;
    if (root.document) {
      root.document.addEventListener("DOMContentLoaded", function () { bind(root.document); });
    }
  }
})(this);
