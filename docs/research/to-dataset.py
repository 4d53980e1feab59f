#!/usr/bin/env python3
"""One-off converter: docs/research/programmes/<slug>.json (research notes) -> src/db/seed/programmes/<slug>.json
(the export format of docs/dataset-format.md, ids local to each file). Re-runnable; the output is committed.
Nothing is added that the research file does not hold: every row carries the research citations
(phrase -> quote, PARAPHRASE, statement in our words). Rows the research could not tie to a
stored page's figure are left out and listed by the script as gaps."""
import json, re, sys, glob, os, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'src', 'db', 'seed', 'programmes')
MINOR = {'JPY': 0, 'KRW': 0, 'IDR': 2}

# Decisions the notes leave to the engineer, one line each (see the research README).
SKIP = {'ca-sovereign-compute-2024': 'no supplier and no GPUs stated by any stored page (programs.supplier_id is required)'}
PRIMARY_SUPPLIER = {'it-it4lia-ai-factory-2024': 'Dell Technologies'}
EXTRA_COUNTRY = {  # country -> (role, words to find the locations/partners whose citations state it)
    'sa-humain-2025': {'US': ('HOST', ['United States', 'Global AI'])},
    'fr-mistral-compute-2025': {'SE': ('HOST', ['Swed'])},
    'it-it4lia-ai-factory-2024': {'AT': ('PARTICIPANT', ['Austria']), 'SI': ('PARTICIPANT', ['Sloven'])},
    'it-colosseum-2025': {'AE': ('PARTICIPANT', ['G42'])},
}
STATUS = {'es-ai-gigafactory-bid-2025': 'PROPOSED'}
DOMAIN = {'de-industrial-ai-cloud-2025': 'INDUSTRIAL_CLOUD', 'tw-foxconn-ai-factory-2025': 'INDUSTRIAL_CLOUD'}
GPU_MODELS = {
    'GB300': ('gb300', 'NVIDIA GB300', 'Blackwell Ultra', 'NVIDIA', False),
    'GB200': ('gb200', 'NVIDIA GB200', 'Blackwell', 'NVIDIA', False),
    'B200': ('b200', 'NVIDIA B200', 'Blackwell', 'NVIDIA', False),
    'H100': ('h100', 'NVIDIA H100', 'Hopper', 'NVIDIA', False),
    'H200': ('h200', 'NVIDIA H200', 'Hopper', 'NVIDIA', False),
    'Blackwell (model unstated)': ('blackwell-unstated', 'NVIDIA Blackwell (model unstated)', 'Blackwell', 'NVIDIA', True),
    'Blackwell Ultra (model unstated)': ('blackwell-ultra-unstated', 'NVIDIA Blackwell Ultra (model unstated)', 'Blackwell Ultra', 'NVIDIA', True),
    'Grace Blackwell (model unstated)': ('grace-blackwell-unstated', 'NVIDIA Grace Blackwell (model unstated)', 'Blackwell', 'NVIDIA', True),
    'AWS Inferentia2': ('aws-inferentia2', 'AWS Inferentia2', 'Inferentia', 'AWS', False),
    'AWS Trainium1': ('aws-trainium1', 'AWS Trainium1', 'Trainium', 'AWS', False),
}
# Recipients and investors named on a figure in words the partner list does not use.
ALIAS = {
    'OpenAI (via Nscale)': ['OpenAI'],
    'Foxconn / NSTC (not split)': ['Foxconn (Hon Hai Technology Group)', 'National Science and Technology Council (NSTC)'],
    'consortium partners': [],  # the unnamed co-funders beside the EU: no partner to record
    'consortium': [],  # Sferical AI's founders, not split: the commitment names no single partner
    'Government of Spain (via SETT, Recovery Plan funds)': ['Government of Spain (Ministry for Digital Transformation and Public Service)'],
    'NVIDIA with CoreWeave, Microsoft and Nscale': ['NVIDIA', 'CoreWeave', 'Microsoft', 'Nscale'],
    'IndiaAI': ['IndiaAI (Independent Business Division, Digital India Corporation)'],
    'Microsoft and Nscale': ['Microsoft', 'Nscale'],
    'public (35%) and private partners': [],  # no partner named: the investment is recorded without investors
    'public-private consortium': [],
    'ten bidders': ['IndiaAI round-1 bidders (ten cloud providers)'],
    'UK Sovereign AI Industry Forum (as reported)': ['UK Sovereign AI Industry Forum'],
}
# Figures a total must not add to the others (README "Overlaps the dataset must not double-count"):
# a programme-wide total is the programme's stated total; an earlier figure a later one revises
# is a phase of the programme's history; an investment that overlaps another stays, left out of totals.
STATED_TOTAL = {'uk-120k-blackwell-ultra', 'indiaai-secured-38000'}
SUPERSEDED = {
    'indiaai-target-10000': 'an earlier size of the IndiaAI pool',
    'indiaai-approved-34333': 'an earlier size of the IndiaAI pool',
    'indiaai-round3-3850': 'a later tender round within the IndiaAI pool',
    'mistral-18k-2025': "Mistral's 2025 figure, disputed by the 2026 one",
    'stargate-uk-8k': 'the first Stargate UK offtake, before the larger one',
}
EXCLUDED = {
    'meti-total-72-5bn': 'the sum of the five METI subsidies stated beside it',
    'indiaai-outlay': 'the whole IndiaAI Mission; contains the compute pillar stated beside it',
    'nvidia-nscale-usd': "the same stake in Nscale as the GBP 500 million, in another currency",
    'es-5bn-2025': 'the 2025 bid, revised by the January 2026 joint bid',
    'mistral-equity-1bn': 'a prospective equity round, not closed',
    'mistral-sweden-1-2bn': 'part of the EUR 4 billion for France and Sweden that one page states (held back: no stored page with title and date)',
    'firmus-offtake-30bn': 'expected revenue, not an investment',
    'no-microsoft-6-2bn': 'a contract value: revenue to the joint venture',
    'ae-cost-30bn': 'no official figure; pages disagree',
}
KOREA_ROWS = {  # rows Korea's dataset already holds: the same values, so a file loaded alone agrees
    'nvidia': {'name': 'NVIDIA', 'name_ko': '엔비디아', 'kind': 'COMPANY'},
}

def slugify(text):
    text = unicodedata.normalize('NFKD', text).encode('ascii', 'ignore').decode()
    return re.sub(r'-+', '-', re.sub(r'[^a-z0-9]+', '-', text.lower())).strip('-')[:80]

def date_and_precision(target):
    if target is None: return None, None
    m = re.fullmatch(r'(\d{4})-(\d{2})-(\d{2})', target)
    if m: return target, 'DAY'
    m = re.fullmatch(r'(\d{4})-Q([1-4])', target)
    if m: return f'{m[1]}-{(int(m[2]) - 1) * 3 + 1:02d}-01', 'QUARTER'
    m = re.fullmatch(r'(\d{4})-(\d{2})', target)
    if m: return f'{target}-01', 'MONTH'
    m = re.fullmatch(r'(\d{4})-(spring|summer|autumn|winter)', target)
    if m: return f"{m[1]}-{ {'spring': '03', 'summer': '06', 'autumn': '09', 'winter': '12'}[m[2]]}-01", 'SEASON'
    m = re.fullmatch(r'(\d{4})', target)
    if m: return f'{target}-01-01', 'YEAR'
    raise ValueError(f'target {target!r}')

def minor(amount, currency):
    digits = MINOR.get(currency, 2)
    whole, _, frac = amount.partition('.')
    frac = frac.rstrip('0')
    assert len(frac) <= digits, (amount, currency)
    return int(whole + frac.ljust(digits, '0'))

def convert(path):
    d = json.load(open(path))
    slug = d['slug']
    if slug in SKIP:
        return None, [f'{slug}: not loaded — {SKIP[slug]}']
    gaps = [f'{slug}: {g}' for g in d.get('gaps', [])]
    tables = {k: [] for k in ['partners', 'programs', 'gpu_models', 'initiatives', 'initiative_participants', 'allocations',
                              'investments', 'investment_investors', 'exchange_rates', 'program_countries', 'program_suppliers',
                              'phases', 'power_capacities', 'commitments', 'sources', 'citations', 'discrepancies',
                              'discrepancy_citations', 'dataset_loads']}
    counters = {}
    def add(table, row):
        counters[table] = counters.get(table, 0) + 1
        row = {'id': counters[table], **row}
        tables[table].append(row)
        return row['id']
    cited_sources = set()
    source_ids = {}
    for s in d['sources']:
        # metadataNote says where a filled title or date was read when that needs saying (e.g. a stored copy of the same article at another address).
        reason = '; '.join(x for x in [s.get('titleReason') and f"title: {s['titleReason']}", s.get('publishedAtReason') and f"date: {s['publishedAtReason']}",
                                       s.get('metadataNote')] if x)
        assert re.fullmatch(r'[a-z0-9][a-z0-9-]*', s['id']), s['id']
        source_ids[s['id']] = add('sources', {'slug': s['id'], 'url': s['url'], 'title': s['title'], 'publisher': s['publisher'],
                                              'kind': s['kind'], 'published_at': s['publishedAt'], 'language': s['language'],
                                              'missing_metadata_reason': reason or None})
    def cite(subject_column, subject_id, citations, field=None, stance='SUPPORTS'):
        assert citations, (subject_column, subject_id, field)
        ids = []
        for c in citations:
            cited_sources.add(c['source'])
            assert c['kind'] == 'PARAPHRASE', c
            ids.append(add('citations', {'source_id': source_ids[c['source']], subject_column: subject_id, 'field': field,
                                         'quote': c['phrase'], 'quote_kind': 'PARAPHRASE', 'statement': c['statement'], 'stance': stance}))
        return ids
    p = d['programme']
    announced, precision = date_and_precision(p['announcedOn']['date'])
    # Partners (and the suppliers the notes name outside the partner list).
    partner_ids, partner_cits = {}, {}
    def partner(name, kind, citations):
        key = slugify(name) if slugify(name) not in ('nvidia',) else 'nvidia'
        if name.startswith('NVIDIA'): key = 'nvidia'
        if key in partner_ids: return partner_ids[key]
        base = KOREA_ROWS.get(key, {'name': name, 'name_ko': None, 'kind': kind})
        pid = add('partners', {'slug': key, **base})
        cite('partner_id', pid, citations)
        partner_ids[key] = pid
        partner_cits[key] = citations
        return pid
    names = {}
    for x in d['partners']:
        names[x['name']] = partner(x['name'], x['kind'], x['citations'])
    def partner_by(name, citations=None):
        if name in names: return names[name]
        hits = [n for n in names if name.lower() in n.lower() or n.lower().startswith(name.lower())]
        if len(hits) == 1: return names[hits[0]]
        if citations is None: raise KeyError(f'{slug}: partner {name!r} not in {list(names)}')
        # A recipient the notes name only on the figure itself (a consortium): a partner of its own, cited by that figure.
        print(f'{slug}: partner {name!r} added from the figure that names it', file=sys.stderr)
        kind = 'GOVERNMENT' if re.search(r'Government|European Union', name) else 'CLOUD_PROVIDER' if 'cloud providers' in name else 'COMPANY'
        names[name] = partner(name, kind, citations)
        return names[name]
    sup_names = [s['name'] for s in p['suppliers'] if s['name']]
    primary_name = PRIMARY_SUPPLIER.get(slug, 'NVIDIA')
    primary = partner_by(primary_name, next((x['citations'] for x in p['suppliers'] if x.get('citations')), None))
    program_id = add('programs', {'slug': slug, 'name': p['name'], 'name_ko': None, 'country': p['countries'][0], 'announced_on': announced,
                                  'announced_on_precision': precision, 'supplier_id': primary,
                                  'status': STATUS.get(slug, 'ANNOUNCED'),
                                  'description': ' '.join(x for x in [
                                      f"Local name: {p['localName']}." if p.get('localName') else None,
                                      ('Places the sources name: ' + '; '.join(l['place'] for l in d.get('locations', [])) + '.') if d.get('locations') else None,
                                      p.get('statusNote') and f"Status: {p['statusNote']}.", p.get('structureNote')] if x) or None})
    cite('program_id', program_id, p['announcedOn']['citations'], 'announcedOn')
    for s in p['suppliers']:
        if s.get('citations'): cite('program_id', program_id, s['citations'], 'supplier'); break
    for l in d.get('locations', []):
        cite('program_id', program_id, l['citations'], 'location')
    for s in p['suppliers'][1:]:
        sid = partner_by(s['name'])
        psid = add('program_suppliers', {'program_id': program_id, 'partner_id': sid, 'description': s.get('note')})
        cite('program_supplier_id', psid, s['citations'])
    if slug in PRIMARY_SUPPLIER:
        for other in ['E4 Computer Engineering', 'NVIDIA']:
            psid = add('program_suppliers', {'program_id': program_id, 'partner_id': partner_by(other), 'description': None})
            cite('program_supplier_id', psid, [c for x in d['partners'] if x['name'] == other for c in x['citations']])
    for country, (role, words) in EXTRA_COUNTRY.get(slug, {}).items():
        cits = [c for l in d.get('locations', []) if any(w in l['place'] for w in words) for c in l['citations']]
        cits += [c for x in d['partners'] if any(w in x['name'] or w in x['role'] for w in words) for c in x['citations']]
        if not cits:
            gaps.append(f'{slug}: country {country} named in a note only, no citation found; not recorded'); continue
        pcid = add('program_countries', {'program_id': program_id, 'country': country, 'role': role, 'description': p.get('countriesNote')})
        cite('program_country_id', pcid, cits)
    # Status from a phase the sources say was reached in operation.
    for ph in d.get('phases', []):
        if ph.get('achieved') and re.search(r'operation|inaugurat|opening', ph['name'], re.I) and slug not in STATUS:
            tables['programs'][0]['status'] = 'OPERATIONAL'
            cite('program_id', program_id, ph['citations'], 'status')
            break
    # The programme's partners and their parts, as one initiative (the notes record no separate projects).
    init_id = add('initiatives', {'program_id': program_id, 'slug': f'{slug}-build-out', 'name': f"{p['name']}: build-out",
                                  'name_ko': None, 'domain': DOMAIN.get(slug, 'OTHER'),
                                  'description': 'The partners the sources name for this programme and the part each plays.', 'technologies': []})
    cite('initiative_id', init_id, p['announcedOn']['citations'])
    for i, x in enumerate(d['partners']):
        ipid = add('initiative_participants', {'initiative_id': init_id, 'partner_id': names[x['name']], 'role': 'LEAD' if i == 0 else 'PARTICIPANT',
                                               'contribution': x['role']})
        cite('initiative_participant_id', ipid, x['citations'])
    # GPU models, cited by the allocations that name them.
    model_ids = {}
    def model(name, citations):
        if name is None: return None
        if name not in GPU_MODELS: return None
        key, full, arch, vendor, unstated = GPU_MODELS[name]
        if key not in model_ids:
            model_ids[key] = add('gpu_models', {'slug': key, 'name': full, 'architecture': arch, 'vendor': vendor, 'model_unstated': unstated})
            cite('gpu_model_id', model_ids[key], citations[:1])
        return model_ids[key]
    subjects = {}
    for a in d['allocations']:
        if a['id'] in STATED_TOTAL:
            row = tables['programs'][0]
            row['stated_gpu_total'], row['stated_gpu_total_bound'] = a['quantity'], a['bound']
            cite('program_id', program_id, a['citations'], 'statedGpuTotal')
            subjects[a['id']] = ('program_id', program_id)
            continue
        if a['id'] in SUPERSEDED:
            date = a.get('announcedOn')
            phid = add('phases', {'program_id': program_id, 'slug': f"{slug}-{a['id']}"[:80].rstrip('-'),
                                  'name': f"{a['quantity']:,} GPUs ({a['bound'].replace('_', ' ').lower()}), {a['partner']}",
                                  'target_date': date, 'target_precision': 'DAY' if date else None, 'status': 'ACHIEVED' if date else 'PLANNED',
                                  'achieved_on': date, 'description': f"{SUPERSEDED[a['id']]}; kept as a step of the programme, not summed"})
            cite('phase_id', phid, a['citations'], 'targetDate' if date else 'name')
            subjects[a['id']] = ('phase_id', phid)
            continue
        notes = '; '.join(str(a[k]) for k in ['aggregateNote', 'estimatedBy', 'estimateBy', 'gpuModelNote', 'statusWords', 'targetNote'] if a.get(k))
        stated = ' / '.join(a.get('gpuModelAsStated') or []) or None
        if a['gpuModel'] and a['gpuModel'] not in GPU_MODELS:
            stated = ' / '.join(x for x in [a['gpuModel'], stated] if x)
        if a['quantity'] is None:
            cid = add('commitments', {'program_id': program_id, 'slug': a['id'], 'partner_id': partner_by(a['partner']) if a.get('partner') else None,
                                      'subject': 'GPUS', 'stated_phrase': a.get('quantityText') or a.get('phrase'),
                                      'gpu_model_id': model(a['gpuModel'], a['citations']), 'currency': None, 'status': a['status'],
                                      'purpose': notes or None, 'announced_on': date_and_precision(a.get('announcedOn') or p['announcedOn']['date'])[0]})
            cite('commitment_id', cid, a['citations'], 'statedPhrase')
            subjects[a['id']] = ('commitment_id', cid)
            continue
        aid = add('allocations', {'program_id': program_id, 'partner_id': partner_by(ALIAS.get(a['partner'], [a['partner']])[0], a['citations']), 'gpu_model_id': model(a['gpuModel'], a['citations']),
                                  'initiative_id': init_id, 'quantity': a['quantity'], 'bound': a['bound'], 'status': a['status'],
                                  'purpose': notes or None, 'announced_on': date_and_precision(a.get('announcedOn') or p['announcedOn']['date'])[0],
                                  'gpu_model_as_stated': stated})
        cite('allocation_id', aid, a['citations'], 'quantity')
        subjects[a['id']] = ('allocation_id', aid)
    rates = []
    by_id = {i['id']: i for i in d['investments']}
    for i in d['investments']:
        inv_date = date_and_precision(i.get('announcedOn') or p['announcedOn']['date'])[0]
        if i.get('sameAs') and i['id'] not in EXCLUDED:
            # The same money stated in another currency: a source's own conversion, not a second investment.
            other = by_id[i['sameAs']]
            if other['amount'] and i['amount'] and other['currency'] != i['currency']:
                rates.append({'base_currency': other['currency'], 'quote_currency': i['currency'], 'base_amount': other['amount'],
                              'quote_amount': i['amount'], 'as_of': date_and_precision(other.get('announcedOn') or p['announcedOn']['date'])[0],
                              'kind': 'SOURCE_CONVERSION', '_citations': i['citations']})
            continue
        investors = [partner_by(m, i['citations']) for n in i['investors'] if not n.startswith('(') for m in ALIAS.get(n, [n])]
        if i['amount'] is None:
            cid = add('commitments', {'program_id': program_id, 'slug': i['id'], 'partner_id': investors[0] if len(investors) == 1 else None,
                                      'subject': 'MONEY', 'stated_phrase': i.get('phrase') or i['amountText'], 'gpu_model_id': None,
                                      'currency': i['currency'], 'status': 'ANNOUNCED', 'purpose': i['purpose'], 'announced_on': inv_date})
            cite('commitment_id', cid, i['citations'], 'statedPhrase')
            subjects[i['id']] = ('commitment_id', cid)
            continue
        iid = add('investments', {'program_id': program_id, 'slug': i['id'], 'initiative_id': init_id, 'title': i['purpose'][:1].upper() + i['purpose'][1:],
                                  'amount_minor': minor(i['amount'], i['currency']), 'currency': i['currency'], 'bound': i['bound'],
                                  'announced_on': inv_date, 'description': i['amountText'], 'excluded_from_totals': EXCLUDED.get(i['id'])})
        cite('investment_id', iid, i['citations'], 'amount')
        subjects[i['id']] = ('investment_id', iid)
        for pid in dict.fromkeys(investors):
            xid = add('investment_investors', {'investment_id': iid, 'partner_id': pid})
            cite('investment_investor_id', xid, i['citations'])
    for r in d['exchangeRates'].get('rates', []):
        if r['date'] is None:
            gaps.append(f"{slug}: rate {r['pair']} ({r['kind']}) has no date on any stored page ({r.get('dateNote')}); not stored")
            continue
        if r['kind'] == 'MARKET_QUOTE':
            base, quote = r['pair'].split('/')
            rates.append({'base_currency': base, 'quote_currency': quote, 'base_amount': '1', 'quote_amount': r['value'], 'as_of': r['date'],
                          'kind': 'MARKET', '_citations': r['citations']})
        elif r['kind'] == 'STATED_CONVERSION':
            rates.append({'base_currency': r['baseCurrency'], 'quote_currency': r['quoteCurrency'], 'base_amount': r['baseAmount'],
                          'quote_amount': r['quoteAmount'], 'as_of': r['date'], 'kind': 'SOURCE_CONVERSION', '_citations': r['citations']})
        else:
            gaps.append(f"{slug}: {r['kind']} {r['pair']} {r.get('value')} is not dated; not stored")
    seen = set()
    for r in rates:
        key = (r['base_currency'], r['quote_currency'], r['as_of'], r['kind'])
        if key in seen: continue
        seen.add(key)
        cits = r.pop('_citations')
        rid = add('exchange_rates', r)
        cite('exchange_rate_id', rid, cits)
    phase_ids = {}
    for ph in d.get('phases', []):
        target, prec = date_and_precision(ph['target'])
        status = 'ACHIEVED' if ph.get('achieved') else 'ON_HOLD' if str(ph.get('status', '')).startswith('ON_HOLD') else 'PLANNED'
        phid = add('phases', {'program_id': program_id, 'slug': f"{slug}-{ph['id']}"[:80].rstrip('-'), 'name': ph['name'], 'target_date': target,
                              'target_precision': prec, 'status': status, 'achieved_on': target if ph.get('achieved') and prec == 'DAY' else None,
                              'description': '; '.join(x for x in [ph.get('targetNote'), ph.get('status')] if x) or None})
        cite('phase_id', phid, ph['citations'], 'targetDate')
        phase_ids[ph['id']] = phid
        subjects[ph['id']] = ('phase_id', phid)
    for pw in d.get('power', []):
        mw, high = (str(pw['mw']['min']), str(pw['mw']['max'])) if isinstance(pw['mw'], dict) else (str(pw['mw']), None)
        pwid = add('power_capacities', {'program_id': program_id, 'slug': f"{slug}-{pw['id']}"[:80].rstrip('-'), 'phase_id': None, 'mw': mw, 'mw_high': high,
                                        'bound': pw['bound'], 'scope': pw['scope'], 'location': None, 'announced_on': None})
        cite('power_capacity_id', pwid, pw['citations'], 'mw')
        subjects[pw['id']] = ('power_capacity_id', pwid)
    for n, x in enumerate(d.get('discrepancies', [])):
        column, sid = 'program_id', program_id
        for key, value in subjects.items():
            if key in x['field']:
                column, sid = value
                break
        did = add('discrepancies', {'slug': f'{slug}-d{n + 1}', column: sid, 'field': x['field'],
                                    'description': 'Sources differ: ' + ' vs '.join(f"\"{s['value']}\"" for s in x['sides']) + '.',
                                    'resolution': x['resolution']})
        for k, side in enumerate(x['sides']):
            # The first side is the value the notes store; the others contradict it.
            for cid in cite(column, sid, [side['citation']], 'discrepancy', 'SUPPORTS' if k == 0 else 'CONTRADICTS'):
                tables['discrepancy_citations'].append({'discrepancy_id': did, 'citation_id': cid})
    tables['dataset_loads'].append({'dataset': slug})
    # Only the sources some citation uses.
    unused = {source_ids[s] for s in source_ids if s not in cited_sources}
    tables['sources'] = [s for s in tables['sources'] if s['id'] not in unused]
    return {'format': 'ai-factory-graph/dataset', 'version': 1, 'tables': tables}, gaps

if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    all_gaps = []
    for path in sorted(glob.glob(os.path.join(HERE, 'programmes', '*.json'))):
        doc, gaps = convert(path)
        all_gaps += gaps
        if doc is None: continue
        with open(os.path.join(OUT, os.path.basename(path)), 'w') as f:
            f.write(json.dumps(doc, ensure_ascii=False, indent=2) + '\n')
    with open(os.path.join(HERE, 'gaps.txt'), 'w') as f:
        f.write('\n'.join(all_gaps) + '\n')
    print(len(all_gaps), 'gaps')
