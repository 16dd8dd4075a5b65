"""Whole-article precision of annals on ../shared/data/news, read from `annals extract`
output, until `annals eval quiet|incidents|wikievents` (the precision issue) replace it.

    for s in bbc gva_longtail wikievents; do
      annals extract ../shared/data/news/${s}_dev.jsonl --date 2020-01-01 > OUT/${s}_dev.jsonl
    done
    python3 tools/news_precision.py ../shared/data/news OUT

(wikievents records carry no date; give them one first, e.g. with jq, as `--date` only
applies to plain text.) Violent = ACLED Battles, Violence against civilians,
Explosions/Remote violence or Riots, as the precision issue defines it.
"""
import json, sys, math
news, out = sys.argv[1], sys.argv[2]
V = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"}
def load(name):
    gold = {}
    for l in open('%s/%s.jsonl' % (news, name)):
        d = json.loads(l); gold[d['id']] = d
    outs = [json.loads(l) for l in open('%s/%s.jsonl' % (out, name))]
    return gold, outs
g, o = load('bbc_dev')
n = viol = arts = ev = killed = 0
for a in o:
    if g[a['article']['id']]['gold']['category'] == 'politics': continue
    n += 1
    vs = [e for e in a['events'] if e['acled_event_type'] in V]
    viol += len(vs); arts += bool(vs); ev += len(a['events'])
    killed += sum(1 for e in a['events'] if e['killed'])
print(f"quiet (BBC business/entertainment/sport/tech, {n} articles): violent_per_100 {100*viol/n:.1f}, articles_with_violent {arts/n:.3f}, events_per_article {ev/n:.2f}, killed_events_per_100 {100*killed/n:.1f}")
g, o = load('gva_longtail_dev')
def km(a, b, c, d):
    r = math.radians; x = math.sin(r(c-a)/2)**2 + math.cos(r(a))*math.cos(r(c))*math.sin(r(d-b)/2)**2
    return 12742*math.asin(math.sqrt(x))
n = len(o); vt = one = abroad = w25 = kex = over = 0
for a in o:
    gd = g[a['article']['id']]['gold']
    vs = [e for e in a['events'] if e['acled_event_type'] in V]
    vt += len(vs); one += len(vs) == 1
    abroad += any(e['place'] and e['place']['country'] != 'US' for e in a['events'])
    over += any(e['killed'] and e['killed']['value'] > (gd.get('num_killed') or 0) for e in a['events'])
    if vs:
        t = max(vs, key=lambda e: e['confidence'])
        if t['place'] and gd.get('latitude') is not None:
            w25 += km(t['place']['lat'], t['place']['lon'], gd['latitude'], gd['longitude']) <= 25
        kex += ((t['killed'] or {}).get('value') or 0) == (gd.get('num_killed') or 0)
print(f"incidents (GVA long tail, {n} articles): violent_per_article {vt/n:.2f}, exactly_one_violent {one/n:.3f}, abroad_rate {abroad/n:.3f}, top_within_25km {w25/n:.3f}, top_killed_exact {kex/n:.3f}, killed_over_rate {over/n:.3f}")
g, o = load('wikievents_dev')
tot = supported = 0
for a in o:
    d = g[a['article']['id']]
    marks = [m for m in d['gold']['event_mentions'] if m['type'].split('.')[0] in ('Conflict', 'Life')]
    for e in a['events']:
        if e['acled_event_type'] not in V: continue
        tot += 1
        s0, s1 = e['evidence'][0]['span'] if e['evidence'] else e['trigger']['span']
        supported += any(s0 <= m['span'][0] < s1 for m in marks)
print(f"wikievents ({len(o)} articles): violent events {tot}, share whose sentence holds a gold attack/death/injury mention {supported/max(tot,1):.3f}")
