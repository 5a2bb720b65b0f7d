import FlyingFox
import Foundation
