// What GraphiQL shows a first-time user: operations that run as they are against the seed.
// A test runs every one of them, so they cannot drift from the schema.
export const exampleOperations = /* GraphQL */ `# ai-factory-graph: national AI-factory GPU programmes (Korea's 260,000 Blackwell GPUs and 17 more), every figure cited.
# Pick an operation with the ▶ button's menu, then run it. Docs: the book icon, top left.

query DashboardSummary {
  program(slug: "korea-2025") {
    name
    nameKo
    announcedOn
    supplier { name }
    gpuTotal { quantity exact bound lowerBound upperBound byBound { bound quantity } }
    partnerCount
    nationalCapacity { before beforeBound stated statedBound after afterBound afterLowerBound }
    investmentTotal(currency: "KRW") {
      amount
      currency
      bound
      conversions { original { amount currency } converted rate { baseAmount quoteAmount asOf } }
    }
    allocations(first: 10) {
      totalCount
      edges {
        node {
          partner { name nameKo kind }
          quantity
          bound
          status
          gpuModel { name }
        }
      }
    }
    discrepancies { totalCount edges { node { field resolution } } }
  }
}

query TotalsByPartnerAndKind {
  byPartner: allocationTotals(groupBy: [PARTNER]) {
    gpuTotal { quantity bound }
    groups { label labelKo share gpuTotal { quantity bound } }
  }
  byKindAndModel: allocationTotals(groupBy: [PARTNER_KIND, GPU_MODEL]) {
    groups { label labelKo allocationCount gpuTotal { quantity } }
  }
  investmentsByInvestor: investmentTotals(groupBy: [INVESTOR], currency: "USD", filter: { program: { slug: { eq: "korea-2025" } } }) {
    total { amount currency }
    groups { label total { amount } }
  }
}

query PartnersWithAllocationsAndQuotes {
  partners(first: 20, filter: { allocations: { quantity: { gt: 0 } } }, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) {
    totalCount
    edges {
      node {
        name
        nameKo
        kind
        gpuTotal { quantity bound }
        gpuShare
        allocations(first: 5) {
          edges {
            node {
              quantity
              bound
              citations(first: 5) {
                edges { node { field stance quote quoteKind source { publisher url } } }
              }
            }
          }
        }
      }
    }
  }
}

query SearchInKoreanOrEnglish($search: String = "삼성") {
  partners(first: 10, filter: { search: $search }) {
    edges {
      node {
        name
        nameKo
        initiatives(first: 10) { edges { node { role initiative { name nameKo domain } } } }
      }
    }
  }
}

query GovernmentAllocationsAndWhereSourcesDisagree {
  allocations(filter: { partner: { kind: { eq: GOVERNMENT } } }) {
    edges { node { quantity bound purpose partner { name } } }
  }
  discrepancies(first: 10) {
    edges {
      node {
        field
        description
        resolution
        subject { __typename id }
        citations(first: 10) { edges { node { stance quote source { publisher } } } }
      }
    }
  }
}

query PageThroughPartners($after: String) {
  partners(first: 5, after: $after, orderBy: [{ field: NAME }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { name nameKo } }
  }
}

# The world side by side: each programme with its country, status, GPUs (with bounds), stated
# total and power. allocationTotals sums allocations only; commitments without a number
# ("several hundred thousand") are listed apart and never counted.
query CompareProgrammesByCountry {
  allocationTotals(groupBy: [PROGRAM]) {
    gpuTotal { quantity bound lowerBound upperBound }
    groups {
      program {
        slug name country status announcedOn announcedOnPrecision
        countries { country role primary }
        supplier { name }
        statedGpuTotal statedGpuTotalBound
        powerCapacities { totalCount }
        commitments { totalCount }
      }
      gpuTotal { quantity bound }
      share
    }
  }
}

# One programme in full: HUMAIN's power in MW with bounds, its phases with target dates, and what
# it commits without a number ("several hundred thousand" GPUs), each with its sources.
query ProgrammePowerPhasesAndCommitments($slug: String = "sa-humain-2025") {
  program(slug: $slug) {
    name status countries { country role }
    statedGpuTotal statedGpuTotalBound
    powerCapacities(first: 20) { edges { node { mw mwHigh bound scope citations { totalCount } } } }
    phases(first: 20) { edges { node { name targetDate targetPrecision status } } }
    commitments(first: 10) { edges { node { subject statedPhrase currency citations(first: 2) { edges { node { quote source { publisher url } } } } } } }
  }
}

# Money by programme in one currency, converted only at rates dated within 14 days of each
# announcement, with every rate used (a programme with no rate that close answers
# EXCHANGE_RATE_MISSING; every stored one has one).
query InvestmentTotalsByProgrammeInUSD {
  investmentTotals(groupBy: [PROGRAM], currency: "USD", rateWithinDays: 14) {
    total { amount currency bound investmentCount }
    groups {
      program { name country }
      total {
        amount bound investmentCount
        conversions {
          original { amount currency }
          converted
          rate { baseCurrency quoteCurrency baseAmount quoteAmount asOf kind citations(first: 1) { edges { node { source { publisher url } } } } }
          viaRate { baseCurrency quoteCurrency asOf }
        }
      }
    }
  }
}

# The largest allocations worldwide, each with the GPU as the sources word it and how many
# citations back it.
query LargestAllocationsWorldwide {
  allocations(first: 10, orderBy: [{ field: QUANTITY, direction: DESC }]) {
    edges {
      node {
        quantity bound status
        program { name country }
        partner { name kind }
        gpuModel { name architecture }
        gpuModelAsStated
        citations(first: 3) { totalCount edges { node { quote statement source { publisher url publishedAt } } } }
      }
    }
  }
}

# Programmes by supplier: NVIDIA's, with their totals and any other supplier (HUMAIN also buys
# from AMD).
query ProgrammesBySupplier($supplier: String = "nvidia") {
  programs(first: 30, filter: { supplier: { slug: { eq: $supplier } } }, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) {
    totalCount
    edges {
      node {
        name country status
        gpuTotal { quantity bound }
        otherSuppliers { partner { name } description }
      }
    }
  }
  bySupplierProgramme: allocationTotals(groupBy: [PROGRAM], filter: { program: { supplier: { slug: { eq: $supplier } } } }) {
    gpuTotal { quantity bound }
    groups { label gpuTotal { quantity bound } }
  }
}

# Where sources disagree most: every programme with its count of discrepancies, and the
# disagreements themselves with the citations on each side.
query WhereSourcesDisagreeMost {
  programs(first: 30) {
    edges { node { name country discrepancies { totalCount } } }
  }
  discrepancies(first: 20) {
    totalCount
    edges {
      node {
        field description resolution
        subject { __typename ... on Program { name } ... on Allocation { quantity program { name } } ... on Investment { title program { name } } ... on PowerCapacity { mw program { name } } }
        citations(first: 4) { edges { node { stance quote statement source { publisher url } } } }
      }
    }
  }
}
`;
