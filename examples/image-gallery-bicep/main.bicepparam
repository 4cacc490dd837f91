using 'main.bicep'

param galleryName = 'contoso_golden_images'

param replicaRegions = [
  'northeurope'
  'swedencentral'
  'northeurope'
]

param buildNumber = '1.0.0'

param sourceImageId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-image-builds/providers/Microsoft.Compute/images/nightly'
