// Module Budget.
//
// Owns: money as plain values — the cost table of capital and yearly running costs per item
// (cameras, posts, badges, tablets, computers, cars, connections, staff) with its seed figures
// and their sources, net present cost over a contract, the exact budget selection of objects to
// connect to the operations control centre (0/1 knapsack on integer tenge units), and the one
// request table ("what to ask for": quantity × unit cost per district and in total).
//
// Must not: read files, know about streets, graphs or GDAL; it imports GeoCore only. Route lengths,
// staff and unit counts arrive as numbers from the analyses that compute them.
