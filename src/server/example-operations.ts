// What GraphiQL shows a first-time user: operations that run as they are against the seed.
// A test runs every one of them, so they cannot drift from the schema.
export const exampleOperations = /* GraphQL */ `# ai-factory-graph: NVIDIA's 2025 Blackwell GPUs for Korea, every figure cited.
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
  investmentsByInvestor: investmentTotals(groupBy: [INVESTOR], currency: "USD") {
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
`;
